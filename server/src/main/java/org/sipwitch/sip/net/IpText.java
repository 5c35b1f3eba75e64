package org.sipwitch.sip.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IP address as text the way people and logs expect it: IPv4 dotted, IPv6 in the
 * RFC 5952 canonical form (lower case, no leading zeros, the longest run of two or
 * more zero groups as "::", no zone). {@link InetAddress#getHostAddress()} prints every
 * IPv6 group and the zone, which makes {@code [::1]} read {@code [0:0:0:0:0:0:0:1]}.
 */
public final class IpText {
    private IpText() {
    }

    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is never shortened (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) { // the first of equal runs wins (§4.2.3)
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
