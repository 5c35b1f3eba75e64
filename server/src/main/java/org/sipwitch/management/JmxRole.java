package org.sipwitch.management;

import javax.management.ObjectName;

/**
 * What a remote JMX user may do, by ObjectName domain. The heap holds the users'
 * secrets and the platform MBeans can dump it ({@code HotSpotDiagnostic.dumpHeap}) or
 * change the JVM, so writing is confined to the daemon's own {@code sipwitch} domain:
 *
 * <ul>
 *   <li>{@link #CONTROL}: read and write (set attributes, invoke operations) on
 *       {@code sipwitch:*}; read anything else;</li>
 *   <li>{@link #MONITOR}: read {@code sipwitch:*} and {@code java.lang:*} (memory,
 *       threads, runtime), nothing else, never write.</li>
 * </ul>
 */
enum JmxRole {
    CONTROL("readwrite"),
    MONITOR("readonly");

    static final String SIPWITCH = "sipwitch";
    private static final String JAVA_LANG = "java.lang";

    private final String accessLevel;

    JmxRole(String accessLevel) {
        this.accessLevel = accessLevel;
    }

    /** The JDK access file's word for this role ({@code readwrite}, {@code readonly}). */
    String accessLevel() {
        return accessLevel;
    }

    boolean mayRead(ObjectName name) {
        if (this == CONTROL) {
            return true;
        }
        String domain = name.getDomain();
        return domain.equals(SIPWITCH) || domain.equals(JAVA_LANG);
    }

    boolean mayWrite(ObjectName name) {
        return this == CONTROL && !name.isDomainPattern() && name.getDomain().equals(SIPWITCH);
    }

    /** The role name shown in refusals: {@code control}, {@code monitor}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
