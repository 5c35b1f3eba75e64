/**
 * The dial plan: what a dialled number means. {@link org.sipwitch.sip.routing.DialPlan} turns a
 * Request-URI (with the server's state and the caller's rights) into a destination — local users,
 * a ring group, a gateway, a foreign URI, a refusal; {@link org.sipwitch.sip.routing.CallPlan} is
 * one call's walk through it, asked again when the phones ring busy, do not answer or refuse
 * (forwarding, the next member of a sequential group), with a hop limit and loop detection.
 * The call engine asks it; it never asks the call engine.
 */
package org.sipwitch.sip.routing;
