package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.sipwitch.ip.Cidr;
import org.sipwitch.sip.security.SecuritySettings.BlockAction;

final class Fixtures {

    private Fixtures() {
    }

    /** Threshold 5 in 60 s, blocked 600 s, rate 10/s burst 20, queue 100, retry 5 s. */
    static SecuritySettings security() {
        return new SecuritySettings(5, 60, 600, BlockAction.DROP, 10, 20, 100, 0, 5);
    }

    static SecuritySettings security(BlockAction action, int rate, int burst) {
        return new SecuritySettings(5, 60, 600, action, rate, burst, 100, 0, 5);
    }

    static AccessLists policy(List<String> trusted, List<String> restricted) {
        return new AccessLists(trusted.stream().map(Cidr::parse).toList(),
                restricted.stream().map(Cidr::parse).toList());
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The n-th address of 10.0.0.0/8 (n below 2^24). */
    static InetAddress ipv4(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
