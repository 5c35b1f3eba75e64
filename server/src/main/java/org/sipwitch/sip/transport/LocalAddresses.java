package org.sipwitch.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Turns the configured interface names into addresses to bind. */
final class LocalAddresses {
    private LocalAddresses() {
    }

    /**
     * {@code *} is the IPv6 wildcard {@code ::} (dual stack: IPv4 arrives mapped) unless
     * the JVM runs IPv4-only; literals may be bracketed; host names are resolved once.
     */
    static List<InetAddress> resolve(List<String> interfaces) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>(interfaces.size());
        for (String name : interfaces) {
            String s = name.trim();
            if (s.equals("*")) {
                out.add(InetAddress.getByName(NetUtil.isIpV4StackPreferred() ? "0.0.0.0" : "::"));
                continue;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            byte[] literal = NetUtil.createByteArrayFromIpAddressString(s);
            InetAddress a = literal != null ? InetAddress.getByAddress(literal) : InetAddress.getByName(s);
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The IPv4 wildcard, the fallback when an IPv6 wildcard cannot be bound. */
    static InetAddress ipv4Wildcard() throws UnknownHostException {
        return InetAddress.getByAddress(new byte[4]);
    }
}
