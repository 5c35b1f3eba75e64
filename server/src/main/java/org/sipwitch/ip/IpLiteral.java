package org.sipwitch.ip;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals, parsed without ever touching DNS: {@link InetAddress#getByName}
 * would silently resolve a typo such as {@code 127.0.0.l} as a host name at load time.
 */
public final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {
    }

    /**
     * An IPv4 dotted quad ({@code 10.0.0.1}, no leading zeros, no short forms) or an
     * IPv6 literal ({@code ::1}, optionally in brackets; no zone id). IPv4-mapped IPv6
     * literals come back as {@link Inet4Address}, as the JDK does.
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = v4.group(i + 1);
                int value = Integer.parseInt(part);
                if (value > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                    return Optional.empty();
                }
                bytes[i] = (byte) value;
            }
            return byAddress(bytes);
        }
        String v6 = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (v6.indexOf(':') < 0 || !IPV6_CHARS.matcher(v6).matches()) {
            return Optional.empty();
        }
        try {
            // With a ':' in it the JDK parses a literal and never resolves.
            return Optional.of(InetAddress.getByName(v6));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The 4-byte form of an IPv4-mapped IPv6 address, otherwise the address as is. */
    static byte[] normalizedBytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(bytes)) {
            byte[] v4 = new byte[4];
            System.arraycopy(bytes, 12, v4, 0, 4);
            return v4;
        }
        return bytes;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** Text form: dotted quad, or RFC 5952 compressed lower-case IPv6 ({@code ::1}, {@code fe80::1}). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // longest run of zero groups (length >= 2) becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static Optional<InetAddress> byAddress(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // cannot happen for 4 or 16 bytes
        }
    }
}
