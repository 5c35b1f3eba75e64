/**
 * The value types every SIP layer shares — {@link org.sipwitch.sip.net.Transport},
 * {@link org.sipwitch.sip.net.Peer}, {@link org.sipwitch.sip.net.InboundMessage},
 * {@link org.sipwitch.sip.net.ListeningPoint} — kept apart from {@code sip.transport}
 * so that the registrar, the location service, digest auth and the configuration can
 * name an address without depending on the package that holds the Netty channels.
 */
package org.sipwitch.sip.net;
