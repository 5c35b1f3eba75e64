package org.sipwitch.mbeans;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.StandardEmitterMBean;

/**
 * Registers an MXBean implementation with human descriptions, real parameter names and
 * operation impacts taken from {@link Description}, {@link Name} and {@link Impact} on its
 * interface, and lets it emit notifications.
 *
 * <pre>{@code
 * server.registerMBean(new DescribedMXBean<>(RegistryMXBean.class, registry), ObjectNames.REGISTRY);
 * var bean = new DescribedMXBean<>(ServerMXBean.class, impl, SipwitchNotifications.info());
 * eventLog.subscribe(bean::publish);          // every event becomes a notification
 * }</pre>
 *
 * The MXBean rules apply (open types, records as CompositeData), because this is a
 * {@link StandardEmitterMBean} created with {@code isMXBean = true}.
 */
public class DescribedMXBean<T> extends StandardEmitterMBean {

    private final Class<T> type;
    private final AtomicLong notificationSequence = new AtomicLong();

    /** An MXBean that declares no notifications. */
    public DescribedMXBean(Class<T> type, T implementation) {
        this(type, implementation, new MBeanNotificationInfo[0]);
    }

    /** An MXBean that emits the given notifications (e.g. {@link SipwitchNotifications#info()}). */
    public DescribedMXBean(Class<T> type, T implementation, MBeanNotificationInfo[] notifications) {
        super(implementation, type, true, new NotificationBroadcasterSupport(notifications));
        this.type = type;
    }

    /** Sends {@code event} as a notification of its type; the MBeanServer sets the source name. */
    public void publish(Event event) {
        Notification n = new Notification(event.type(), this,
                notificationSequence.incrementAndGet(), event.time(), event.message());
        sendNotification(n);
    }

    /** Sends a notification of {@code type} with {@code message} and {@code userData}, stamped now. */
    public void publish(String type, String message, Object userData) {
        Notification n = new Notification(type, this, notificationSequence.incrementAndGet(),
                System.currentTimeMillis(), message);
        n.setUserData(userData);
        sendNotification(n);
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        String getter = describe(accessor(info.getName(), true));
        String setter = info.isWritable() ? describe(accessor(info.getName(), false)) : null;
        if (getter == null) {
            return setter != null ? setter : super.getDescription(info);
        }
        return setter == null ? getter : getter + ". Writable: " + lowerFirst(setter);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        String d = describe(operation(info.getName()));
        return d != null ? d : super.getDescription(info);
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        Method m = operation(info.getName());
        Impact impact = m == null ? null : m.getAnnotation(Impact.class);
        return impact != null ? impact.value() : super.getImpact(info);
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Parameter p = parameter(op, sequence);
        if (p == null) {
            return super.getParameterName(op, param, sequence);
        }
        Name name = p.getAnnotation(Name.class);
        // without @Name, javac -parameters still gives the source name; p0 only as last resort
        return name != null ? name.value() : p.getName();
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Parameter p = parameter(op, sequence);
        Description d = p == null ? null : p.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(op, param, sequence);
    }

    private Parameter parameter(MBeanOperationInfo op, int sequence) {
        Method m = operation(op.getName());
        return m == null || sequence >= m.getParameterCount() ? null : m.getParameters()[sequence];
    }

    private Method operation(String name) {
        // operation names are never overloaded in this model (a test holds us to it)
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private Method accessor(String attribute, boolean read) {
        for (Method m : type.getMethods()) {
            String n = m.getName();
            boolean matches = read
                    ? m.getParameterCount() == 0 && (n.equals("get" + attribute) || n.equals("is" + attribute))
                    : m.getParameterCount() == 1 && n.equals("set" + attribute);
            if (matches) {
                return m;
            }
        }
        return null;
    }

    private static String describe(Method m) {
        Description d = m == null ? null : m.getAnnotation(Description.class);
        return d == null ? null : d.value();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
