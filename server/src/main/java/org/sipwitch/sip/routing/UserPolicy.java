package org.sipwitch.sip.routing;

import org.sipwitch.sip.registrar.UserIdentity;

/**
 * What routing needs to know of a provisioned user beyond its identity.
 *
 * @param identity    id, extension, display
 * @param mayDialOut  {@code <dial>external</dial>}: routes to gateways and foreign URIs allowed
 * @param forwards    its forwarding in force (the config's, overlaid with the operator's)
 */
public record UserPolicy(UserIdentity identity, boolean mayDialOut, Forwards forwards) {
}
