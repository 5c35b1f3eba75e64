package org.sipwitch.sip.server;

import org.sipwitch.config.AccessPolicy;
import org.sipwitch.config.SecurityConfig;
import org.sipwitch.config.SipwitchConfig;
import org.sipwitch.sip.security.AccessGate;
import org.sipwitch.sip.security.AccessLists;
import org.sipwitch.sip.security.GuardLimits;
import org.sipwitch.sip.security.SecuritySettings;
import org.sipwitch.sip.security.TimeSource;

/**
 * {@code <access>} and {@code <security>} as the access gate's own settings: the gate
 * knows nothing of the configuration files, as the registrar and the transports don't.
 */
final class GateSettings {
    private GateSettings() {
    }

    /** The gate for the config in force, with the default table caps. */
    static AccessGate gate(SipwitchConfig config) {
        return gate(config, GuardLimits.defaults(), TimeSource.SYSTEM);
    }

    static AccessGate gate(SipwitchConfig config, GuardLimits limits, TimeSource time) {
        return AccessGate.of(access(config.access()), security(config.security()), limits, time);
    }

    /** A reloaded config applied to a running gate. */
    static void reconfigure(AccessGate gate, SipwitchConfig config) {
        gate.reconfigure(access(config.access()), security(config.security()));
    }

    static AccessLists access(AccessPolicy access) {
        return new AccessLists(access.trusted(), access.restricted());
    }

    static SecuritySettings security(SecurityConfig s) {
        SecuritySettings.BlockAction action = s.blockAction() == SecurityConfig.BlockAction.REJECT
                ? SecuritySettings.BlockAction.REJECT : SecuritySettings.BlockAction.DROP;
        return new SecuritySettings(s.authFailures(), s.authWindow(), s.blockTime(), action, s.rateLimit(),
                s.rateBurst(), s.queueLimit(), s.queueDelay(), s.retryAfter(), s.scanUsers());
    }
}
