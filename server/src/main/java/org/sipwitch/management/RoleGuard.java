package org.sipwitch.management;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.AccessController;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectInstance;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * Enforces the remote roles ({@link JmxRole}) between the connector and the
 * MBeanServer, by ObjectName: what the JDK's access file cannot express. Operations of
 * the sipwitch MBeans declared {@code INFO} (their {@code @Impact}) count as reads. Reads of a
 * name the role may not read, and every write it may not make, answer
 * {@code SecurityException: access denied: ...}; queries only list what the role may
 * read. Nobody may create, register or unregister MBeans remotely (that is how remote
 * code gets loaded).
 *
 * <p>The connector runs each request as the authenticated {@link Subject}, so the guard
 * finds the user in the calling access-control context. Calls without a subject are
 * the connector's own (its notification buffer listening to every MBean): they may
 * read, never write.
 */
final class RoleGuard implements InvocationHandler {

    private static final Set<String> READ_BY_NAME = Set.of("getAttribute", "getAttributes", "getMBeanInfo",
            "getObjectInstance", "isRegistered", "isInstanceOf", "addNotificationListener",
            "removeNotificationListener");
    private static final Set<String> WRITE_BY_NAME = Set.of("setAttribute", "setAttributes", "invoke");
    private static final Set<String> QUERIES = Set.of("queryNames", "queryMBeans");
    // class-loader methods are not remote operations: the connector itself uses them
    private static final Set<String> NEVER = Set.of("createMBean", "registerMBean", "unregisterMBean",
            "instantiate", "deserialize");

    private final Map<String, JmxRole> roles;
    private MBeanServer target;

    private RoleGuard(Map<String, JmxRole> roles) {
        this.roles = Map.copyOf(roles);
    }

    static MBeanServerForwarder create(Map<String, JmxRole> roles) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new RoleGuard(roles));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getMBeanServer") && (args == null || args.length == 0)) {
            return target;
        }
        if (name.equals("setMBeanServer") && args != null && args.length == 1) {
            if (target != null) {
                throw new IllegalStateException("MBeanServer already set");
            }
            target = (MBeanServer) args[0];
            return null;
        }
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "RoleGuard";
            };
        }
        if (NEVER.contains(name)) {
            throw new SecurityException("access denied: " + name + " is not allowed over remote JMX");
        }
        String user = user();
        JmxRole role = user == null ? null : roles.get(user);
        if (user != null && role == null) {
            throw new SecurityException("access denied: user '" + user + "' has no role in the access file");
        }
        ObjectName object = args != null && args.length > 0 && args[0] instanceof ObjectName n ? n : null;
        if (name.equals("invoke") && role != null && object != null && readsOnly(object, (String) args[1])) {
            // an operation of ours declared INFO (check, eventsSince) only reads: a read role may run it
        } else if (WRITE_BY_NAME.contains(name)) {
            checkWrite(role, name, object);
        } else if (READ_BY_NAME.contains(name) && role != null && object != null && !role.mayRead(object)) {
            throw new SecurityException("access denied: the " + role + " role may not read " + object);
        }
        Object result = call(method, args);
        if (role != null && QUERIES.contains(name) && result instanceof Set<?> found) {
            return readable(found, role);
        }
        if (role != null && name.equals("getDomains") && result instanceof String[] domains) {
            return Arrays.stream(domains).filter(d -> role.mayRead(domainName(d))).toArray(String[]::new);
        }
        return result;
    }

    private static void checkWrite(JmxRole role, String operation, ObjectName object) {
        if (role == null) {
            throw new SecurityException("access denied: " + operation + " needs an authenticated user");
        }
        if (object == null || !role.mayWrite(object)) {
            throw new SecurityException("access denied: the " + role + " role is read-only"
                    + (role == JmxRole.CONTROL ? " outside the " + JmxRole.SIPWITCH + " domain (" + operation
                    + " on " + object + ")" : " (" + operation + " needs the control role)"));
        }
    }

    /** Whether {@code operation} of that sipwitch MBean is declared {@link MBeanOperationInfo#INFO}. */
    private boolean readsOnly(ObjectName object, String operation) throws Exception {
        if (object.isPattern() || !object.getDomain().equals(JmxRole.SIPWITCH)) {
            return false;
        }
        for (MBeanOperationInfo op : target.getMBeanInfo(object).getOperations()) {
            if (op.getName().equals(operation)) {
                return op.getImpact() == MBeanOperationInfo.INFO;
            }
        }
        return false;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Set<Object> readable(Set<?> found, JmxRole role) {
        Set<Object> out = new LinkedHashSet<>();
        for (Object o : found) {
            ObjectName n = o instanceof ObjectInstance i ? i.getObjectName() : (ObjectName) o;
            if (role.mayRead(n)) {
                out.add(o);
            }
        }
        return out;
    }

    private static ObjectName domainName(String domain) {
        try {
            return new ObjectName(domain + ":*");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The authenticated user of the request being served, or null. */
    @SuppressWarnings("removal") // Subject.current() arrives in Java 18; 17 has only this
    static String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject == null) {
            return null;
        }
        for (JMXPrincipal p : subject.getPrincipals(JMXPrincipal.class)) {
            return p.getName();
        }
        return null;
    }
}
