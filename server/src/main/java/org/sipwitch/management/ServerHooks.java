package org.sipwitch.management;

import java.util.List;
import java.util.Optional;
import org.sipwitch.mbeans.HealthCheck;

/**
 * What the Server MBean asks of the SIP side: listeners, event loops, the worker pool,
 * the contact address and interface changes. Every method has a default that is honest
 * when no SIP stack is wired: the daemon then has no listeners and no event loops. The
 * assembly implements what it has and wires it with {@link ManagementHooks#server(ServerHooks)}.
 */
public interface ServerHooks {

    /** Re-binds sockets after the config was re-read ({@code restart}); by default nothing to rebind. */
    default void restart() {
    }

    /**
     * Reads the TLS keystore again after a reload, so a renewed certificate is served
     * without a restart; says what is served now, empty when TLS is not listening.
     *
     * @throws RuntimeException when the keystore cannot be used; the old certificate stays
     */
    default Optional<String> reloadTls() {
        return Optional.empty();
    }

    /** One check per listener: bound or not. */
    default List<HealthCheck> listeners() {
        return List.of(new HealthCheck("listeners", true, "no SIP listeners configured in this daemon"));
    }

    /** One check per event loop: does it run a probe task within a short time. */
    default List<HealthCheck> eventLoops() {
        return List.of(new HealthCheck("event-loops", true, "no event loops in this daemon"));
    }

    /**
     * Errors contained while serving — logged and counted, and the daemon went on — as
     * counts since start. They pass the check (the probes above judge whether it still
     * serves); a count that grows says to read the log.
     */
    default List<HealthCheck> errors() {
        return List.of();
    }

    /** The call worker pool's size, when there is a pool; empty lets the Server MBean keep the value. */
    default Optional<Integer> concurrency() {
        return Optional.empty();
    }

    /** The contact address as the listeners know it (bound port), e.g. {@code sip:127.0.0.1:5060}. */
    default Optional<String> contact() {
        return Optional.empty();
    }

    /** An interface went down: re-evaluate listeners and the published address. */
    default void ifdown(String iface) {
    }

    /** An interface came up: re-evaluate listeners and the published address. */
    default void ifup(String iface) {
    }

    ServerHooks NONE = new ServerHooks() {
    };
}
