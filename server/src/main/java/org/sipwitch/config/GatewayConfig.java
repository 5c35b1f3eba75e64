package org.sipwitch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <provision><gateway id="…">}: a SIP trunk at a provider.
 *
 * @param id          the name rules use ({@code gateway:ID})
 * @param proxyHost   where requests go (IP literal or host name, resolved when the gateway starts)
 * @param proxyPort   port of the proxy; 0 = the transport's default
 * @param transport   {@code udp}, {@code tcp} or {@code tls}
 * @param domain      the provider's domain: host of our account's address and of dialled numbers
 * @param user        our account's user name at the provider (also the digest username)
 * @param credentials secret or HA1 answered to the provider's 401/407; never printed
 * @param register    registration lifetime asked of the provider in seconds, 0 = do not register
 * @param callerId    the user part presented as caller on calls out, empty = the account's user
 * @param assertIdentity add P-Asserted-Identity with the calling user's extension
 * @param incoming    where calls from the provider go when their number matches no rule
 * @param position    where the element is written
 */
public record GatewayConfig(String id, String proxyHost, int proxyPort, String transport, String domain, String user,
                            Credentials credentials, int register, Optional<String> callerId, boolean assertIdentity,
                            Optional<String> incoming, SourcePosition position) {

    public GatewayConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(proxyHost, "proxyHost");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public String toString() {
        return "GatewayConfig[id=" + id + ", proxy=" + proxyHost + ":" + proxyPort + ";transport=" + transport
                + ", domain=" + domain + ", user=" + user + ", " + credentials + ", register=" + register
                + ", caller-id=" + callerId.orElse("-") + ", assert=" + assertIdentity + ", incoming="
                + incoming.orElse("-") + ", at " + position + "]";
    }
}
