package org.sipwitch.sip.transaction;

import java.util.Objects;
import org.sipwitch.sip.codec.SipEncoder;
import org.sipwitch.sip.message.Responses;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.net.InboundMessage;
import org.sipwitch.sip.net.Peer;

/**
 * A server transaction (RFC 3261 §17.2): one request received and the responses the
 * TU gives it. The TU answers with {@link #respond}; the transaction resends the last
 * response to retransmitted requests and, over UDP, retransmits non-2xx final
 * responses to INVITE until the ACK comes.
 */
public abstract sealed class ServerTransaction extends Transaction
        permits InviteServerTransaction, NonInviteServerTransaction {
    private InboundMessage inbound;
    private final Peer destination;
    /** Null once a non-INVITE transaction has its final response: lingering needs no tag. */
    private String localTag = Responses.newTag();
    /** RFC 2543 matching needs the To tag of the request, which retransmissions repeat. */
    private final String requestToTag;
    /** The last response sent, as an object while the TU may still answer; lane-confined. */
    SipResponse lastResponse;
    /** The final response on its wire form, once only retransmissions remain (see {@link #keepEncoded}). */
    private byte[] lastWire;
    /** The To tag of the final response, kept for RFC 2543 ACK matching once that response is gone. */
    private String finalToTag;

    ServerTransaction(TransactionLayer layer, TransactionKey key, InboundMessage inbound, Peer destination,
                      TransactionState initial) {
        super(layer, key, callIdOf(inbound), (SipRequest) inbound.message(), inbound.source().transport().isReliable(),
                initial);
        this.inbound = inbound;
        this.destination = destination;
        this.requestToTag = TransactionKey.toTag(inbound.message());
    }

    private static String callIdOf(InboundMessage in) {
        String id = in.message().callId();
        return id == null ? "" : id;
    }

    /** The request with where it came from; like {@link #request()}, gone after a UDP non-INVITE completed. */
    public InboundMessage inbound() {
        return inbound;
    }

    @Override
    void release() {
        super.release();
        inbound = null;
        if (!isInvite()) {
            localTag = null; // only a dialog's INVITE needs it after the final response
        }
    }

    /**
     * Lane: the final response is sent and the transaction lives on only to resend it (an
     * INVITE's non-2xx, by Timer G until the ACK). It keeps the response's bytes instead of
     * the response, and lets the request go: kept messages were once most of the heap and
     * of what every young collection copied. (A UDP non-INVITE transaction goes further:
     * {@link LingeringResponses}.)
     */
    final void keepEncoded() {
        if (lastResponse != null) {
            rememberToTag();
            lastWire = SipEncoder.toBytes(lastResponse);
            lastResponse = null;
        }
        release();
    }

    /**
     * Lane: nothing will resend the last response any more (an INVITE's 2xx is resent
     * by the TU, a non-2xx was ACKed): keep only its To tag, for matching, and let the
     * request and the response go.
     */
    final void releaseAll() {
        if (lastResponse != null) {
            rememberToTag();
        }
        lastResponse = null;
        lastWire = null;
        release();
    }

    /** What besides the key tells this transaction's retransmissions: the request's To tag, for an RFC 2543 key. */
    final String lingeringTag() {
        return key.legacy() ? requestToTag : null;
    }

    /** Only an INVITE's ACK is matched against our response's To tag (§17.2.3, RFC 2543 rule). */
    private void rememberToTag() {
        if (isInvite()) {
            finalToTag = TransactionKey.toTag(lastResponse);
        }
    }

    /** Where responses go (§18.2.2, RFC 3581). */
    public Peer responseDestination() {
        return destination;
    }

    /** A To tag made once for this transaction, for responses that need one. */
    public String localTag() {
        return localTag;
    }

    public boolean isInvite() {
        return this instanceof InviteServerTransaction;
    }

    /** A response with Via, From, To, Call-ID, CSeq copied and, except for 100, our To tag. */
    public SipResponse createResponse(int status) {
        if (request == null) {
            throw new IllegalStateException(this + " has its final response and let its request go");
        }
        SipResponse r = Responses.create(request, status);
        if (status != 100) {
            Responses.ensureToTag(r, localTag);
        }
        return r;
    }

    /** Sends a response through the transaction; callable from any thread. Too late a response is dropped. */
    public void respond(SipResponse response) {
        Objects.requireNonNull(response, "response");
        onLane(() -> {
            if (state != TransactionState.TERMINATED) {
                sendResponse(response);
            }
        });
    }

    public void respond(int status) {
        if (request == null) {
            return; // completed and released: a response now would be discarded anyway (§17.2.2)
        }
        respond(createResponse(status));
    }

    /**
     * INVITE only: sends a 2xx and, over UDP, retransmits it (T1 doubling up to T2) until
     * its ACK arrives; if none comes in 64*T1, {@code onNoAck} runs on this lane and the
     * TU should end the dialog with BYE (RFC 3261 §13.3.1.4). Over reliable transports
     * only the 64*T1 watch runs. This is the UAS core's job, offered here for the B2BUA.
     */
    public void respondUntilAck(SipResponse success, Runnable onNoAck) {
        throw new UnsupportedOperationException("only INVITE transactions have 2xx retransmission");
    }

    /** Lane: the TU's response. */
    abstract void sendResponse(SipResponse response);

    /** Lane: the same request again. */
    abstract void receiveRetransmission();

    /** Lane: called once, right after the transaction entered the table. */
    abstract void started();

    /**
     * True when a request with this key really is ours. Branch matching (§17.2.3) needs
     * nothing more; the RFC 2543 rule also compares the To tag: a retransmission repeats
     * the request's, an ACK carries the one of our final response.
     */
    boolean matches(SipRequest other, boolean legacy) {
        if (!legacy) {
            return true;
        }
        String tag = TransactionKey.toTag(other);
        if (other.isMethod("ACK")) {
            String ours = lastResponse != null ? TransactionKey.toTag(lastResponse)
                    : finalToTag != null ? finalToTag : requestToTag;
            return Objects.equals(tag, ours);
        }
        return Objects.equals(tag, requestToTag);
    }

    final void sendLast() {
        if (lastResponse != null) {
            layer.stats.responsesRetransmitted.increment();
            send(lastResponse, destination, true);
        } else if (lastWire != null) {
            layer.stats.responsesRetransmitted.increment();
            sendEncoded(lastWire, destination);
        }
    }

    final void sendNew(SipResponse response) {
        lastResponse = response;
        send(response, destination, true);
    }

    @Override
    void sendFailed(Throwable cause) {
        terminate();
        layer.tu.onServerTransportError(this, cause);
    }
}
