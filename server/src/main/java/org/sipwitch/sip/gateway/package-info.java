/**
 * Gateways (SIP trunks): the server as a client of a provider. {@link org.sipwitch.sip.gateway.Gateway}
 * is one trunk (where its proxy is, our account there, how we present callers),
 * {@link org.sipwitch.sip.gateway.DigestAnswer} answers the provider's 401/407 with the account's
 * credentials (RFC 2617/7616 client side), {@link org.sipwitch.sip.gateway.OutboundRegistration}
 * keeps our account registered (refresh before expiry, back-off after failures), and
 * {@link org.sipwitch.sip.gateway.GatewayDirectory} finds a gateway by id or by the address a
 * call arrives from. Nothing here logs or prints a credential.
 */
package org.sipwitch.sip.gateway;
