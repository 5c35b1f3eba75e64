package org.sipwitch.sip.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.gateway.OutboundRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's registrations with its providers: one {@link OutboundRegistration} per
 * gateway that registers, replaced when a reload brings new gateways, and taken back
 * from the providers when the server stops.
 */
final class ProviderRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistrations.class);
    /** How long a stop waits for the providers to answer our unregistrations: it must stay quick when one is down. */
    private static final long UNREGISTER_WAIT_MILLIS = 2_000;

    private final Function<Gateway, OutboundRegistration> registration;
    private final List<OutboundRegistration> running = new ArrayList<>();

    ProviderRegistrations(Function<Gateway, OutboundRegistration> registration) {
        this.registration = registration;
    }

    /** Stops refreshing the current registrations and starts one for each gateway of {@code next} that registers. */
    synchronized void replace(GatewayDirectory next) {
        running.forEach(OutboundRegistration::stop);
        running.clear();
        for (Gateway g : next.all()) {
            if (g.registerSeconds() > 0) {
                OutboundRegistration r = registration.apply(g);
                running.add(r);
                r.start();
            }
        }
    }

    /** Takes every binding back from its provider, waiting at most {@link #UNREGISTER_WAIT_MILLIS} for the answers. */
    void unregisterAll() {
        List<CompletableFuture<Void>> gone = new ArrayList<>();
        synchronized (this) {
            running.forEach(r -> gone.add(r.unregister()));
            running.clear();
        }
        try {
            CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new))
                    .get(UNREGISTER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("stopping without every provider's answer to our unregistration: {}", e.toString());
        }
    }
}
