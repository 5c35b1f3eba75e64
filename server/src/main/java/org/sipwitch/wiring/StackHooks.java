package org.sipwitch.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sipwitch.config.StackConfig;
import org.sipwitch.management.ServerHooks;
import org.sipwitch.mbeans.HealthCheck;
import org.sipwitch.sip.net.ListeningPoint;
import org.sipwitch.sip.server.SipServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Server MBean's view of the SIP stack: check, concurrency, contact, restart, ifup/ifdown. */
final class StackHooks implements ServerHooks {
    private static final Logger LOG = LoggerFactory.getLogger(StackHooks.class);

    private final SipComponent component;

    StackHooks(SipComponent component) {
        this.component = component;
    }

    private SipServer sip() {
        return component.server();
    }

    @Override
    public void restart() {
        component.restart();
    }

    @Override
    public List<HealthCheck> listeners() {
        List<HealthCheck> out = new ArrayList<>();
        List<ListeningPoint> points = sip().transports().listeningPoints();
        if (points.isEmpty()) {
            out.add(new HealthCheck("listeners", false, "no SIP listener is bound"));
        }
        for (ListeningPoint lp : points) {
            out.add(new HealthCheck("listener " + lp, true, "bound"));
        }
        return out;
    }

    /**
     * A stuck lane shows up as a task that does not run: post a no-op on every lane
     * and wait a little. Event loops are probed the same way by the transports.
     */
    @Override
    public List<HealthCheck> eventLoops() {
        int lanes = sip().lanes().concurrency();
        CountDownLatch ran = new CountDownLatch(lanes);
        for (int i = 0; i < lanes; i++) {
            sip().lanes().executeAlways("probe-" + i, ran::countDown);
        }
        boolean ok;
        try {
            ok = ran.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        return List.of(new HealthCheck("worker lanes", ok, ok ? lanes + " lanes responsive"
                : (ran.getCount() + " of " + lanes + " lanes did not respond within 2 s")));
    }

    @Override
    public List<HealthCheck> errors() {
        SipServer sip = sip();
        return List.of(new HealthCheck("contained errors", true, sip.lanes().failed()
                + " task(s) failed on the worker lanes, " + sip.transports().handlerFailures()
                + " message(s) failed in their handler, " + sip.calls().unsentAcks()
                + " ACK(s) not sent, since start; details in the log"));
    }

    @Override
    public Optional<Integer> concurrency() {
        return Optional.of(sip().lanes().concurrency());
    }

    @Override
    public Optional<String> reloadTls() {
        try {
            return sip().reloadTls();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> contact() {
        return published().map(hostPort -> "sip:" + hostPort);
    }

    /**
     * The peering address phones and peers should use: the configured published host,
     * else the first listener's address, with the port really bound (port 0 picks one).
     */
    Optional<String> published() {
        StackConfig stack = component.config().current().stack();
        List<ListeningPoint> points = sip().transports().listeningPoints();
        if (points.isEmpty()) {
            return Optional.empty();
        }
        ListeningPoint lp = points.get(0);
        String host = stack.published().orElseGet(() -> {
            String h = lp.address().getAddress().getHostAddress();
            return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
        });
        return Optional.of(host + ":" + lp.address().getPort());
    }

    @Override
    public void ifdown(String iface) {
        LOG.info("interface {} went down; listeners stay as configured", iface);
    }

    @Override
    public void ifup(String iface) {
        LOG.info("interface {} came up; listeners stay as configured", iface);
    }
}
