package org.sipwitch.sip.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.sipwitch.config.GatewayConfig;
import org.sipwitch.sip.gateway.Gateway;
import org.sipwitch.sip.gateway.GatewayDirectory;
import org.sipwitch.sip.gateway.OutboundRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's registrations with its providers: one {@link OutboundRegistration} per
 * gateway that registers, carried over, replaced or taken back from the provider when a
 * reload brings new gateways, and taken back from every provider when the server stops.
 */
final class ProviderRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistrations.class);
    /** How long a stop waits for the providers to answer our unregistrations: it must stay quick when one is down. */
    private static final long UNREGISTER_WAIT_MILLIS = 2_000;

    private final Function<Gateway, OutboundRegistration> registration;
    private final List<Running> running = new ArrayList<>();
    /** Unregistrations a reload started and the provider has not answered yet: a stop waits for them too. */
    private final Set<CompletableFuture<Void>> leaving = ConcurrentHashMap.newKeySet();

    private record Running(RegistrationTerms terms, OutboundRegistration registration) {
    }

    ProviderRegistrations(Function<Gateway, OutboundRegistration> registration) {
        this.registration = registration;
    }

    /**
     * Registers the gateways of {@code next} ({@code configs} are theirs, for the
     * credentials): an unchanged registration goes on without a new REGISTER; one whose
     * binding stays but whose lifetime or credentials changed is registered anew; a
     * binding no gateway registers any more (gateway removed, another registrar or
     * account, no {@code <register>}) is taken back, so that the provider stops sending us
     * its calls now rather than when the lifetime it granted runs out.
     */
    synchronized void replace(GatewayDirectory next, List<GatewayConfig> configs) {
        List<Running> previous = new ArrayList<>(running);
        running.clear();
        for (GatewayConfig c : configs) {
            Gateway g = next.get(c.id());
            if (g == null || g.registerSeconds() <= 0) {
                continue;
            }
            RegistrationTerms terms = RegistrationTerms.of(g, c.credentials());
            Running same = take(previous, r -> r.terms().equals(terms));
            if (same != null) {
                same.registration().adopt(g);
                running.add(new Running(terms, same.registration()));
                continue;
            }
            Running rebound = take(previous, r -> r.terms().sameBinding(terms));
            if (rebound != null) {
                // only stopped: its Expires 0 could reach the provider after the new REGISTER and remove the binding
                rebound.registration().stop();
            }
            OutboundRegistration r = registration.apply(g);
            running.add(new Running(terms, r));
            r.start();
        }
        previous.forEach(r -> leave(r.registration())); // not waited for here: nothing is stopping
    }

    private void leave(OutboundRegistration r) {
        CompletableFuture<Void> gone = r.unregister();
        leaving.add(gone);
        gone.whenComplete((v, e) -> leaving.remove(gone));
    }

    private static Running take(List<Running> from, Predicate<Running> match) {
        for (Iterator<Running> i = from.iterator(); i.hasNext(); ) {
            Running r = i.next();
            if (match.test(r)) {
                i.remove();
                return r;
            }
        }
        return null;
    }

    /**
     * Takes every binding back from its provider, waiting at most {@link #UNREGISTER_WAIT_MILLIS}
     * for the answers, to these and to the unregistrations a reload just started.
     */
    void unregisterAll() {
        List<CompletableFuture<Void>> gone = new ArrayList<>();
        synchronized (this) {
            running.forEach(r -> gone.add(r.registration().unregister()));
            running.clear();
            gone.addAll(leaving);
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
