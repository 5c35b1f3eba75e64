package org.sipwitch.sip.location;

import java.time.Instant;
import java.util.Objects;
import org.sipwitch.sip.net.Peer;

/**
 * One contact bound to a user (RFC 3261 §10.3). Kept compact — primitives for
 * times and q, no parsed URI — because a busy site holds 100,000 of these.
 *
 * @param userId            canonical user id (never an alias)
 * @param extension         the user's numeric extension, or null
 * @param contact           the Contact URI exactly as the phone sent it (without header params)
 * @param peer              where the REGISTER really came from: transport and source address/port
 *                          (for TCP/TLS the connection's remote end), so a phone behind NAT is
 *                          reached where it is, not where its Contact says
 * @param callId            Call-ID of the REGISTER that last wrote this binding (§10.3 step 7)
 * @param cseq              its CSeq number
 * @param expiresAtMillis   when the binding lapses (epoch millis); {@link Long#MAX_VALUE} for static ones
 * @param q                 the contact's q-value in [0,1], or {@link #NO_Q}
 * @param userAgent         the phone's User-Agent, or null
 * @param instanceId        the {@code +sip.instance} of RFC 5626, or null: identifies a device across reboots
 * @param registeredAtMillis when this contact was first bound
 * @param staticBinding     true for operator-made bindings ({@code activate ext ipaddr}) that never
 *                          expire and are only removed by {@code release}
 * @param node              the cluster node that holds the phone's connection (got its REGISTER), or
 *                          null for this server's own bindings (always null without {@code <cluster>})
 */
public record Binding(String userId, String extension, String contact, Peer peer, String callId, long cseq,
                      long expiresAtMillis, float q, String userAgent, String instanceId,
                      long registeredAtMillis, boolean staticBinding, String node) {
    public static final float NO_Q = -1f;

    /** A binding of this server (no cluster node named). */
    public Binding(String userId, String extension, String contact, Peer peer, String callId, long cseq,
                   long expiresAtMillis, float q, String userAgent, String instanceId,
                   long registeredAtMillis, boolean staticBinding) {
        this(userId, extension, contact, peer, callId, cseq, expiresAtMillis, q, userAgent, instanceId,
                registeredAtMillis, staticBinding, null);
    }

    /** The same binding as held by {@code holder} (a cluster node's name; null: this server). */
    public Binding atNode(String holder) {
        return new Binding(userId, extension, contact, peer, callId, cseq, expiresAtMillis, q, userAgent, instanceId,
                registeredAtMillis, staticBinding, holder);
    }

    public Binding {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(peer, "peer");
    }

    /** An operator-made binding at a fixed address (the {@code activate} verb). */
    public static Binding fixed(String userId, String extension, String contact, Peer peer, long nowMillis) {
        return new Binding(userId, extension, contact, peer, "static", 0, Long.MAX_VALUE, NO_Q, null, null,
                nowMillis, true);
    }

    public Instant expiresAt() {
        return staticBinding ? Instant.MAX : Instant.ofEpochMilli(expiresAtMillis);
    }

    public Instant registeredAt() {
        return Instant.ofEpochMilli(registeredAtMillis);
    }

    public boolean isExpired(long nowMillis) {
        return !staticBinding && expiresAtMillis <= nowMillis;
    }

    /** Whole seconds left, rounded up so a binding listed as live never says 0 (RFC 3261 §10.3 step 8). */
    public long remainingSeconds(long nowMillis) {
        if (staticBinding) {
            return Long.MAX_VALUE;
        }
        long left = expiresAtMillis - nowMillis;
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    /** Same contact URI: case-insensitive, which covers what phones vary (host case, param case). */
    public boolean sameContact(String otherContact) {
        return contact.equalsIgnoreCase(otherContact);
    }

    public Binding refreshed(String newCallId, long newCseq, long newExpiresAtMillis, float newQ, String newUserAgent,
                             Peer newPeer, String newContact) {
        return new Binding(userId, extension, newContact, newPeer, newCallId, newCseq, newExpiresAtMillis, newQ,
                newUserAgent, instanceId, registeredAtMillis, staticBinding, node);
    }
}
