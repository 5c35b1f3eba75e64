package org.sipwitch.management;

import org.sipwitch.control.SipwitchVersion;

/** The daemon's version: the build's ({@link SipwitchVersion}), also in the jar manifest. */
public final class Version {
    private Version() {
    }

    public static String get() {
        return SipwitchVersion.get();
    }
}
