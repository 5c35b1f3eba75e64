package org.sipwitch.mbeans;

import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The ObjectNames of the control model, all in the JMX domain {@code sipwitch}. */
public final class ObjectNames {

    public static final String DOMAIN = "sipwitch";

    public static final ObjectName REGISTRY = of("Registry");
    public static final ObjectName CALLS = of("Calls");
    public static final ObjectName REALM = of("Realm");
    public static final ObjectName TRACE = of("Trace");
    public static final ObjectName STATS = of("Stats");
    public static final ObjectName SERVER = of("Server");
    public static final ObjectName HISTORY = of("History");
    public static final ObjectName POLICY = of("Policy");
    public static final ObjectName CONFIG = of("Config");
    public static final ObjectName MESSAGES = of("Messages");
    public static final ObjectName CLUSTER = of("Cluster");

    /** Every name above, in the order docs list them. */
    public static final List<ObjectName> ALL = List.of(
            REGISTRY, CALLS, REALM, TRACE, STATS, SERVER, HISTORY, POLICY, CONFIG, MESSAGES, CLUSTER);

    private ObjectNames() {
    }

    /** {@code sipwitch:type=<type>}. */
    public static ObjectName of(String type) {
        try {
            return new ObjectName(DOMAIN, "type", type);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("bad MBean type " + type, e);
        }
    }

    /** The MXBean interface registered under {@code name}, for docs and tests. */
    public static Class<?> interfaceOf(ObjectName name) {
        return switch (name.getKeyProperty("type")) {
            case "Registry" -> RegistryMXBean.class;
            case "Calls" -> CallsMXBean.class;
            case "Realm" -> RealmMXBean.class;
            case "Trace" -> TraceMXBean.class;
            case "Stats" -> StatsMXBean.class;
            case "Server" -> ServerMXBean.class;
            case "History" -> HistoryMXBean.class;
            case "Policy" -> PolicyMXBean.class;
            case "Config" -> ConfigMXBean.class;
            case "Messages" -> MessagesMXBean.class;
            case "Cluster" -> ClusterMXBean.class;
            default -> throw new IllegalArgumentException("not a sipwitch MBean: " + name);
        };
    }
}
