package org.sipwitch.sip.location;

import java.util.List;
import org.sipwitch.sip.message.SipParseException;
import org.sipwitch.sip.message.SipUri;

/**
 * The location service of RFC 3261 §10: which contacts each user is reachable at.
 * Small on purpose, so that a persistent (journal-backed) or shared store can
 * wrap or replace the in-memory one without touching the registrar: every write
 * goes through {@link #update}, one user at a time, atomically.
 *
 * <p>Lookups never return expired bindings, even before a sweep removed them.
 */
public interface LocationService {

    /**
     * Atomically replaces a user's bindings by what {@code change} computes from the
     * current ones (live bindings only, ordered by registration). The change runs
     * exactly once, under the user's lock: it must be quick and free of side effects
     * other than recording its own decision. Returning the same list instance means
     * "no change". Listeners hear about the difference afterwards.
     *
     * @param cause how bindings that disappear in this update are reported
     * @return the user's bindings after the update
     */
    List<Binding> update(String userId, BindingChange change, BindingListener.Cause cause);

    /** Adds or refreshes one binding (same user and contact); convenience over {@link #update}. */
    default void put(Binding binding) {
        update(binding.userId(), current -> {
            List<Binding> next = new java.util.ArrayList<>(current.size() + 1);
            for (Binding b : current) {
                if (!b.sameContact(binding.contact())) {
                    next.add(b);
                }
            }
            next.add(binding);
            return next;
        }, BindingListener.Cause.RELEASED);
    }

    /** Removes one contact of a user; true when it was bound. */
    default boolean remove(String userId, String contact, BindingListener.Cause cause) {
        boolean[] found = {false};
        update(userId, current -> {
            List<Binding> next = new java.util.ArrayList<>(current.size());
            for (Binding b : current) {
                if (b.sameContact(contact)) {
                    found[0] = true;
                } else {
                    next.add(b);
                }
            }
            return found[0] ? next : current;
        }, cause);
        return found[0];
    }

    /** Removes every binding of a user, static ones included ({@code release}); returns them. */
    List<Binding> removeUser(String userId, BindingListener.Cause cause);

    /** Live bindings of a user id. */
    List<Binding> lookup(String userId);

    /** Live bindings of the user with this extension. */
    List<Binding> lookupExtension(String extension);

    /**
     * Live bindings for an address-of-record such as {@code sip:alice@example.net}:
     * its user part is taken as a user id, else as an extension. The host is not
     * compared: this is a single-domain server. Aliases are resolved by the caller
     * (it knows the user directory) before calling {@link #lookup}.
     */
    default List<Binding> lookupAor(String aor) {
        String user = aor;
        try {
            user = SipUri.parse(aor).userDecoded();
        } catch (SipParseException e) {
            // not a URI: a bare user name
        }
        if (user == null) {
            return List.of();
        }
        List<Binding> byId = lookup(user);
        return byId.isEmpty() ? lookupExtension(user) : byId;
    }

    /** Every live binding (for the {@code registry} verb). */
    List<Binding> all();

    /** Removes bindings that expired at or before {@code nowMillis}; returns what it removed. */
    List<Binding> sweep(long nowMillis);

    /** Number of bindings held (live or not yet swept). */
    int count();

    /** Number of users with at least one binding. */
    int userCount();

    /**
     * True when this service knows every binding there is. A cluster node whose shared store
     * is unreachable knows only its own phones (and what it saw before): false.
     */
    default boolean complete() {
        return true;
    }

    /** True when the node holding this binding is alive (always, for a server's own bindings). */
    default boolean reachable(Binding binding) {
        return true;
    }

    void addListener(BindingListener listener);

    void removeListener(BindingListener listener);

    /** Computes a user's new bindings from the current ones. */
    @FunctionalInterface
    interface BindingChange {
        List<Binding> apply(List<Binding> current);
    }
}
