package org.sipwitch.control;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of sipwitch: the pom's, written into {@code version.properties} by the
 * build. The same pom gives the jar manifest's {@code Implementation-Version} and
 * {@code scripts/sipwitchctl --version}, so the three cannot disagree (VersionIT).
 */
public final class SipwitchVersion {
    private static final String UNKNOWN = "unknown";
    private static final String VERSION = load();

    private SipwitchVersion() {
    }

    /** The version, or {@code unknown} for classes not built by Maven: never a reason to fail. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SipwitchVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
