package org.sipwitch.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.Via;
import org.sipwitch.sip.net.Peer;

/**
 * RFC 3261 §18.2.1 and RFC 3581 §4: a server records in the top Via where a request
 * really came from — {@code received} when the sent-by host is not the source IP,
 * and the source port in an empty {@code rport} — so the response can find a UA
 * behind NAT. Done once on arrival; responses are then routed from the Via alone.
 */
public final class ViaStamping {
    private ViaStamping() {
    }

    public static void stamp(SipRequest request, Peer source) {
        InetAddress ip = source.address().getAddress();
        if (ip == null) {
            return;
        }
        Via top;
        try {
            top = request.topVia();
        } catch (SipParseException e) {
            return; // the decoder lets no such request through
        }
        Via stamped = top;
        if (!sameAddress(top.host(), ip)) {
            stamped = stamped.withParam("received", NetUtil.toAddressString(ip));
        }
        if (stamped.hasParam("rport") && stamped.param("rport").isEmpty()) {
            stamped = stamped.withParam("rport", Integer.toString(source.address().getPort()));
        }
        if (stamped != top) {
            request.headers().replaceFirstValue(HeaderNames.VIA, stamped.toString());
        }
    }

    /** True when the Via host is an IP literal naming the same address (IPv6 brackets and zeros ignored). */
    static boolean sameAddress(String host, InetAddress ip) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(literal);
        if (bytes == null) {
            return false; // a host name always differs from the source IP
        }
        byte[] src = ip.getAddress();
        if (bytes.length == 16 && src.length == 4) {
            return NetUtil.isValidIpV4Address(literal) && Arrays.equals(bytes, src);
        }
        return Arrays.equals(bytes, src);
    }
}
