package org.sipwitch.sip.call;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.sipwitch.sip.net.ListeningPoint;
import org.sipwitch.sip.net.Transport;

/**
 * {@link LocalAddress} from the bound listeners: the {@code <published>} host when
 * configured, else the address of the first listener (a wildcard bind publishes the
 * host's own address). Ports are the real ones, so port 0 in the config works.
 */
public final class ListenerAddress implements LocalAddress {
    private final Supplier<List<ListeningPoint>> points;
    private final Supplier<Optional<String>> published;

    public ListenerAddress(Supplier<List<ListeningPoint>> points, Supplier<Optional<String>> published) {
        this.points = points;
        this.published = published;
    }

    @Override
    public String host() {
        Optional<String> p = published.get();
        if (p.isPresent()) {
            return p.get();
        }
        List<ListeningPoint> list = points.get();
        if (list.isEmpty()) {
            return "127.0.0.1";
        }
        InetAddress a = list.get(0).address().getAddress();
        if (a.isAnyLocalAddress()) {
            try {
                a = InetAddress.getLocalHost();
            } catch (java.net.UnknownHostException e) {
                a = InetAddress.getLoopbackAddress();
            }
        }
        String host = a.getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    @Override
    public int port(Transport transport) {
        List<ListeningPoint> list = points.get();
        for (ListeningPoint p : list) {
            if (p.transport() == transport) {
                return p.address().getPort();
            }
        }
        return list.isEmpty() ? transport.defaultPort() : list.get(0).address().getPort();
    }
}
