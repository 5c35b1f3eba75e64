package org.sipwitch.sip.call;

import org.sipwitch.sip.message.NameAddress;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;

/**
 * One dialog of a call, between the server and one phone (RFC 3261 §12): its own
 * Call-ID, tags and CSeq spaces. The B2BUA never lets a phone see the other leg's
 * dialog identifiers; it relays bodies and methods, not dialogs.
 *
 * <p>Lane-confined: only the call's lane reads or writes the mutable fields.
 */
abstract class Leg {
    final CallSession session;
    private final String callId;
    /** Our end: From of the requests we send on this leg (with our tag). */
    NameAddress local;
    /** The phone's end: To of the requests we send (with its tag once known). */
    NameAddress remote;
    /** Where in-dialog requests go: the phone's Contact (§12.1.1, §12.1.2). */
    SipUri remoteTarget;
    /** How to reach the phone: the address its requests came from, or its binding's (lane-confined). */
    Peer peer;
    /** Our CSeq space on this leg (§12.2.1.1). */
    long localCseq;
    /** The highest CSeq the phone used on this leg (§12.2.2). */
    long remoteCseq = -1;
    /** A 2xx to an INVITE we sent on this leg, not ACKed yet because its ACK must carry the answer. */
    SipResponse unacked;
    /** The CSeq of the last 2xx we ACKed, so that retransmitted 2xx get the ACK again (§13.2.2.4). */
    long ackedCseq = -1;
    /**
     * What the last ACK carried (the answer of a delayed offer), null when nothing. The ACK
     * itself is made again for each retransmitted 2xx rather than kept: every answered call
     * would otherwise hold a whole request for the 32 s its INVITE transaction lingers.
     */
    SipMessage ackPayload;
    /**
     * The route set (RFC 3261 §12.1): Route values for our in-dialog requests, from the
     * Record-Route of a provider's proxy; empty with phones, which do not record-route.
     */
    java.util.List<String> routes = java.util.List.of();

    Leg(CallSession session, String callId, Peer peer) {
        this.session = session;
        this.callId = callId;
        this.peer = peer;
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return local == null ? null : local.tag();
    }

    String remoteTag() {
        return remote == null ? null : remote.tag();
    }

    /** Next CSeq number of a request we originate on this leg. */
    long nextCseq() {
        return ++localCseq;
    }

    abstract boolean isSource();

    /** True once the dialog exists: both tags known, so in-dialog requests can be sent. */
    boolean isConfirmed() {
        return remoteTag() != null && localTag() != null && remoteTarget != null;
    }
}
