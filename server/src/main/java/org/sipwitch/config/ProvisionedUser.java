package org.sipwitch.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sipwitch.digest.DigestAlgorithm;

/**
 * A user from {@code <provision>}: who may register and be called.
 *
 * @param id          the SIP user name and digest username ({@code alice})
 * @param extension   numeric extension inside the registry prefix/range, canonical digits
 * @param display     display name (defaults to the id)
 * @param profile     class-of-service name (defaults to {@code standard})
 * @param credentials secret or stored HA1; never printed
 * @param aliases     further names the user can be dialled by
 * @param position    where the {@code <user>} element is
 * @param dial        whether the user may call out through gateways and to foreign URIs
 * @param forwarding  the {@code <forwarding>} of the config (the operator's live changes are kept elsewhere)
 */
public record ProvisionedUser(String id, Optional<String> extension, String display, String profile,
                              Credentials credentials, List<String> aliases, SourcePosition position,
                              DialRight dial, Forwarding forwarding) {

    public static final String DEFAULT_PROFILE = "standard";

    public ProvisionedUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(credentials, "credentials");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(dial, "dial");
        Objects.requireNonNull(forwarding, "forwarding");
    }

    /** A user who may only call inside, without forwarding. */
    public ProvisionedUser(String id, Optional<String> extension, String display, String profile,
                           Credentials credentials, List<String> aliases, SourcePosition position) {
        this(id, extension, display, profile, credentials, aliases, position, DialRight.INTERNAL, Forwarding.NONE);
    }

    /**
     * The HA1 digest of this user for {@code realm} and {@code algorithm}: computed from
     * the secret, or the stored {@code <digest>} when it was made for exactly this realm
     * and algorithm (see {@link Credentials.StoredDigest}); empty otherwise.
     */
    public Optional<String> ha1(String realm, DigestAlgorithm algorithm) {
        return credentials.ha1(id, realm, algorithm);
    }

    @Override
    public String toString() {
        return "ProvisionedUser[id=" + id + ", extension=" + extension.orElse("-") + ", display=" + display
                + ", profile=" + profile + ", " + credentials + ", aliases=" + aliases + ", dial=" + dial.configName() + ", at " + position + "]";
    }
}
