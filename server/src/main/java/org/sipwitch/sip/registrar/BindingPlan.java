package org.sipwitch.sip.registrar;

import java.util.ArrayList;
import java.util.List;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.net.Peer;

/**
 * The change one REGISTER makes to a user's bindings (RFC 3261 §10.3 steps 6–7),
 * computed under the location service's per-user lock so that the Call-ID/CSeq
 * checks and the binding limit see a consistent view. Records its decision;
 * when it refuses, it leaves the bindings unchanged.
 */
final class BindingPlan implements LocationService.BindingChange {
    enum Outcome { APPLIED, OUT_OF_ORDER, TOO_MANY }

    private final UserIdentity user;
    private final ContactParser.Result request;
    private final String callId;
    private final long cseq;
    private final Peer source;
    private final String userAgent;
    private final long now;
    private final int maxBindings;

    Outcome outcome = Outcome.APPLIED;
    /** With TOO_MANY: seconds until the soonest binding lapses. */
    long retryAfter;

    BindingPlan(UserIdentity user, ContactParser.Result request, String callId, long cseq, Peer source,
                String userAgent, long now, int maxBindings) {
        this.user = user;
        this.request = request;
        this.callId = callId;
        this.cseq = cseq;
        this.source = source;
        this.userAgent = userAgent;
        this.now = now;
        this.maxBindings = maxBindings;
    }

    @Override
    public List<Binding> apply(List<Binding> current) {
        return request.wildcard() ? removeAll(current) : applyContacts(current);
    }

    /** §10.3 step 6: remove every binding, unless one was written by a newer request of the same Call-ID. */
    private List<Binding> removeAll(List<Binding> current) {
        List<Binding> keep = new ArrayList<>(1);
        for (Binding b : current) {
            if (b.staticBinding()) {
                keep.add(b); // operator-made: only "release" removes it
            } else if (b.callId().equals(callId) && cseq <= b.cseq()) {
                outcome = Outcome.OUT_OF_ORDER;
                return current;
            }
        }
        return keep;
    }

    private List<Binding> applyContacts(List<Binding> current) {
        List<Binding> next = new ArrayList<>(current);
        long expiresBase = now;
        for (ContactSpec c : request.contacts()) {
            int at = indexOf(next, c.uri());
            if (at >= 0) {
                Binding old = next.get(at);
                if (old.staticBinding()) {
                    continue;
                }
                if (old.callId().equals(callId) && cseq <= old.cseq()) {
                    if (cseq == old.cseq()) {
                        continue; // the same request again (a retransmission that outlived its transaction)
                    }
                    outcome = Outcome.OUT_OF_ORDER; // §10.3 step 7: an older request must not undo a newer one
                    return current;
                }
                if (c.expires() == 0) {
                    next.remove(at);
                } else {
                    next.set(at, old.refreshed(callId, cseq, expiresBase + c.expires() * 1000, c.q(), userAgent,
                            source, c.uri()));
                }
                continue;
            }
            if (c.expires() == 0) {
                continue; // removing what is not bound is a no-op
            }
            if (c.instanceId() != null) {
                // RFC 5626 §6: the same device (e.g. rebooted behind NAT with a new port) replaces its old contact
                next.removeIf(b -> !b.staticBinding() && c.instanceId().equals(b.instanceId()));
            }
            if (next.size() >= maxBindings) {
                outcome = Outcome.TOO_MANY;
                retryAfter = soonestExpiry(current);
                return current;
            }
            next.add(new Binding(user.id(), user.extension(), c.uri(), source, callId, cseq,
                    expiresBase + c.expires() * 1000, c.q(), userAgent, c.instanceId(), now, false));
        }
        return next;
    }

    private long soonestExpiry(List<Binding> current) {
        long soonest = Long.MAX_VALUE;
        for (Binding b : current) {
            if (!b.staticBinding()) {
                soonest = Math.min(soonest, b.remainingSeconds(now));
            }
        }
        return soonest == Long.MAX_VALUE ? 3600 : Math.max(1, soonest);
    }

    private static int indexOf(List<Binding> list, String contact) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).sameContact(contact)) {
                return i;
            }
        }
        return -1;
    }
}
