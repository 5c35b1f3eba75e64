package org.sipwitch.sip.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.sipwitch.ip.IpLiteral;

/** Helpers for source addresses and the attacker-chosen text that comes with them. */
final class Sources {

    /** Longest user id kept in tables and shown to the operator. */
    static final int MAX_USER_ID = 64;

    private Sources() {
    }

    /**
     * The table key for a source: an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1},
     * as a dual-stack socket may report it) becomes the IPv4 address, so one host has one
     * counter and one bucket whichever socket its packet came in on. Plain IPv4 addresses
     * are returned as they are, without allocating.
     */
    static InetAddress key(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 bytes: cannot happen
        }
    }

    static String format(InetAddress address) {
        return IpLiteral.format(address);
    }

    /**
     * A user id as it may be stored and logged. It comes from a digest username the
     * attacker wrote, so it is cut short and stripped of anything that could forge a log
     * line or a terminal escape: only visible ASCII survives, the rest becomes {@code ?}.
     */
    static String userId(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "-";
        }
        int length = Math.min(raw.length(), MAX_USER_ID);
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            boolean visible = c > 0x20 && c < 0x7f;
            if (!visible && out == null) {
                out = new StringBuilder(length).append(raw, 0, i);
            }
            if (out != null) {
                out.append(visible ? c : '?');
            }
        }
        if (out == null) {
            return length == raw.length() ? raw : raw.substring(0, length) + "…";
        }
        return length == raw.length() ? out.toString() : out.append('…').toString();
    }
}
