package org.sipwitch.management;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.AccessController;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * Enforces the remote roles between the connector and the MBeanServer: {@value
 * JmxPasswordFile#CONTROL} may read, write and invoke; {@value JmxPasswordFile#MONITOR}
 * (and any other user) may only read and listen. Nobody may create, register or
 * unregister MBeans remotely (that is how remote code gets loaded).
 *
 * <p>The connector runs each request as the authenticated {@link Subject}, so the
 * guard finds the user in the calling access-control context.
 */
final class RoleGuard implements InvocationHandler {

    private static final Set<String> WRITES = Set.of("setAttribute", "setAttributes", "invoke");
    // class-loader methods are not remote operations: the connector itself uses them
    private static final Set<String> NEVER = Set.of("createMBean", "registerMBean", "unregisterMBean");

    private MBeanServer target;

    static MBeanServerForwarder create() {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, new RoleGuard());
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
        if (WRITES.contains(name) && !JmxPasswordFile.CONTROL.equals(user())) {
            throw new SecurityException("access denied: the " + JmxPasswordFile.MONITOR
                    + " role is read-only (" + name + " needs the " + JmxPasswordFile.CONTROL + " role)");
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
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
