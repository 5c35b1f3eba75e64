package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.sipwitch.ip.Cidr;

/**
 * A list of networks compiled for the per-request check: one {@code getAddress()} per
 * lookup and then integer compares, where {@link Cidr#contains} copies and masks arrays
 * for every network in the list. Same semantics as {@link Cidr#contains}: an IPv4
 * network matches the IPv4-mapped IPv6 form of its addresses, and otherwise IPv4 and
 * IPv6 never match each other.
 */
final class CidrMatcher {

    private final int[] v4Network;
    private final int[] v4Mask;
    private final long[] v6Network; // pairs: high, low
    private final long[] v6Mask;

    CidrMatcher(List<Cidr> networks) {
        List<Cidr> v4 = new ArrayList<>();
        List<Cidr> v6 = new ArrayList<>();
        for (Cidr cidr : networks) {
            (cidr.isIpv4() ? v4 : v6).add(cidr);
        }
        v4Network = new int[v4.size()];
        v4Mask = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            int prefix = v4.get(i).prefixLength();
            v4Mask[i] = prefix == 0 ? 0 : -1 << (32 - prefix);
            v4Network[i] = toInt(v4.get(i).network().getAddress(), 0) & v4Mask[i];
        }
        v6Network = new long[v6.size() * 2];
        v6Mask = new long[v6.size() * 2];
        for (int i = 0; i < v6.size(); i++) {
            int prefix = v6.get(i).prefixLength();
            byte[] net = v6.get(i).network().getAddress();
            v6Mask[2 * i] = mask64(prefix);
            v6Mask[2 * i + 1] = mask64(prefix - 64);
            v6Network[2 * i] = toLong(net, 0) & v6Mask[2 * i];
            v6Network[2 * i + 1] = toLong(net, 8) & v6Mask[2 * i + 1];
        }
    }

    boolean isEmpty() {
        return v4Network.length == 0 && v6Network.length == 0;
    }

    boolean matches(InetAddress address) {
        if (address == null || isEmpty()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return matchesV4(toInt(b, 0));
        }
        long high = toLong(b, 0);
        long low = toLong(b, 8);
        if (high == 0 && (low >>> 32) == 0xffffL) {
            return matchesV4((int) low); // IPv4-mapped
        }
        for (int i = 0; i < v6Network.length; i += 2) {
            if ((high & v6Mask[i]) == v6Network[i] && (low & v6Mask[i + 1]) == v6Network[i + 1]) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesV4(int value) {
        for (int i = 0; i < v4Network.length; i++) {
            if ((value & v4Mask[i]) == v4Network[i]) {
                return true;
            }
        }
        return false;
    }

    private static long mask64(int bits) {
        if (bits <= 0) {
            return 0L;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    private static int toInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long toLong(byte[] b, int at) {
        return ((long) toInt(b, at) << 32) | (toInt(b, at + 4) & 0xffffffffL);
    }
}
