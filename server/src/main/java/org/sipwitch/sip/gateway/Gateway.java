package org.sipwitch.sip.gateway;

import java.net.InetAddress;
import java.util.Objects;
import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * One SIP trunk: where its proxy is (resolved once when the gateway is made, so that no
 * call's lane ever waits for DNS), our account at the provider and how callers are
 * presented there. Immutable except for its registration status.
 */
public final class Gateway {
    private final String id;
    private final Peer proxy;
    private final String domain;
    private final String user;
    private final String callerId;
    private final boolean assertIdentity;
    private final String incoming;
    private final int registerSeconds;
    private final DigestAnswer credentials;
    private volatile GatewayStatus status;

    /**
     * @param callerId  user part presented as the caller on calls out (null = {@code user})
     * @param incoming  where unmatched calls from the provider go, or null
     * @param registerSeconds lifetime asked of the provider, 0 = do not register
     */
    public Gateway(String id, Peer proxy, String domain, String user, String callerId, boolean assertIdentity,
                   String incoming, int registerSeconds, DigestAnswer credentials) {
        this.id = Objects.requireNonNull(id, "id");
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.user = Objects.requireNonNull(user, "user");
        this.callerId = callerId == null ? user : callerId;
        this.assertIdentity = assertIdentity;
        this.incoming = incoming;
        this.registerSeconds = registerSeconds;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.status = new GatewayStatus(registerSeconds > 0 ? GatewayStatus.REGISTERING : GatewayStatus.STATIC, "", 0);
    }

    public String id() {
        return id;
    }

    public Peer proxy() {
        return proxy;
    }

    public String domain() {
        return domain;
    }

    public String user() {
        return user;
    }

    public boolean assertIdentity() {
        return assertIdentity;
    }

    /** Where unmatched calls from the provider go, or null. */
    public String incoming() {
        return incoming;
    }

    public int registerSeconds() {
        return registerSeconds;
    }

    public DigestAnswer credentials() {
        return credentials;
    }

    public GatewayStatus status() {
        return status;
    }

    void status(GatewayStatus next) {
        this.status = next;
    }

    /** {@code sip:NUMBER@DOMAIN}, with the transport when it is not UDP: the Request-URI and To of a call out. */
    public SipUri uri(String number) {
        SipUri uri = SipUri.sip(number, domain, -1);
        return proxy.transport() == Transport.UDP ? uri : uri.withParam("transport", proxy.transport().param());
    }

    /** The caller as the provider is shown it: {@code <sip:CALLER-ID@DOMAIN>}. */
    public NameAddress caller() {
        return new NameAddress(null, SipUri.sip(callerId, domain, -1), null);
    }

    /** Our account: {@code sip:USER@DOMAIN}, the To of our REGISTER. */
    public SipUri account() {
        return SipUri.sip(user, domain, -1);
    }

    /**
     * True when a request from {@code source} for {@code requestUri} comes from this
     * provider: from its proxy's address — on that very port, or for our registered
     * account (the Request-URI is the Contact we registered). Another program on the
     * provider's host cannot pose as it by sending to another number.
     */
    public boolean isSource(Peer source, SipUri requestUri) {
        InetAddress from = source.address().getAddress();
        if (from == null || !from.equals(proxy.address().getAddress())) {
            return false;
        }
        if (source.address().getPort() == proxy.address().getPort() && source.transport() == proxy.transport()) {
            return true;
        }
        return requestUri != null && user.equals(requestUri.userDecoded());
    }

    @Override
    public String toString() {
        return "Gateway[" + id + " " + proxy + " " + user + "@" + domain + "]";
    }
}
