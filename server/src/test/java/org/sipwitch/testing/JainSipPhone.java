package org.sipwitch.testing;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A softphone made of the NIST jain-sip reference implementation (its own
 * transactions, dialogs and digest code), over UDP or TCP on loopback: an independent
 * SIP stack to test ours against. It registers (one Call-ID for all its REGISTERs, as
 * RFC 3261 §10.2 asks), places calls (answering 401/407 challenges), rings and answers
 * or refuses calls, hangs up, and records every request and response it sees. BYE,
 * CANCEL and MESSAGE are answered at once (200, and 487 for a cancelled INVITE) so the
 * tests only look at them.
 */
public final class JainSipPhone implements SipListener, AutoCloseable {
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final long WAIT_MS = 10_000;

    public final String user;
    private final String transport;
    private final int serverPort;
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint lp;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AuthenticationHelper auth;
    private final List<Object> events = new ArrayList<>();
    private final CallIdHeader registrationCallId;
    private long cseq = 1;
    /** The last INVITE this phone received, and its server transaction. */
    private volatile RequestEvent incoming;
    private volatile ServerTransaction incomingTx;
    /** The dialog of the current call, as caller or callee. */
    private volatile Dialog dialog;
    private volatile ClientTransaction outgoing;

    public JainSipPhone(String user, String password, int serverPort) throws Exception {
        this(user, password, "udp", serverPort);
    }

    /** @param transport {@code udp} or {@code tcp} */
    public JainSipPhone(String user, String password, String transport, int serverPort) throws Exception {
        this.user = user;
        this.transport = transport;
        this.serverPort = serverPort;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "phone-" + user + "-" + STACKS.incrementAndGet());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", QuietStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", PreboundNetworkLayer.class.getName());
        stack = factory.createSipStack(p);
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        int port = transport.equals("udp") ? PreboundNetworkLayer.bindUdp() : PreboundNetworkLayer.bindTcp();
        lp = stack.createListeningPoint("127.0.0.1", port, transport);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        registrationCallId = provider.getNewCallId();
        AccountManager accounts = (tx, realm) -> new UserCredentials() {
            @Override public String getUserName() { return user; }
            @Override public String getPassword() { return password; }
            @Override public String getSipDomain() { return realm; }
        };
        auth = ((SipStackExt) stack).getAuthenticationHelper(accounts, headers);
    }

    public int port() {
        return lp.getPort();
    }

    public String contactUri() {
        return "sip:" + user + "@127.0.0.1:" + port() + (transport.equals("udp") ? "" : ";transport=" + transport);
    }

    private Request newRequest(String method, String targetUser) throws Exception {
        SipURI uri = addresses.createSipURI(targetUser, "127.0.0.1");
        uri.setPort(serverPort);
        Address from = addresses.createAddress(addresses.createSipURI(user, "127.0.0.1"));
        Address to = addresses.createAddress(method.equals(Request.REGISTER)
                ? addresses.createSipURI(user, "127.0.0.1") : addresses.createSipURI(targetUser, "127.0.0.1"));
        CallIdHeader callId = method.equals(Request.REGISTER) ? registrationCallId : provider.getNewCallId();
        Request r = messages.createRequest(method.equals(Request.REGISTER) ? addresses.createSipURI(null, "127.0.0.1")
                : uri, method, callId, headers.createCSeqHeader(cseq++, method),
                headers.createFromHeader(from, "t" + Long.toHexString(System.nanoTime())),
                headers.createToHeader(to, null), List.of(headers.createViaHeader("127.0.0.1", port(), transport, null)),
                headers.createMaxForwardsHeader(70));
        if (method.equals(Request.REGISTER)) {
            ((SipURI) r.getRequestURI()).setPort(serverPort);
        }
        ((SipURI) r.getRequestURI()).setTransportParam(transport);
        r.addHeader(headers.createContactHeader(addresses.createAddress(contactUri())));
        return r;
    }

    /** A REGISTER of this phone's contact, not yet sent. */
    public Request newRegister(int expires) throws Exception {
        Request r = newRequest(Request.REGISTER, user);
        r.addHeader(headers.createExpiresHeader(expires));
        r.addHeader(headers.createUserAgentHeader(List.of("jain-sip-ri/1.3")));
        return r;
    }

    /** Sends a request in a new client transaction, challenges unanswered; returns the final response. */
    public Response send(Request request) throws Exception {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        tx.sendRequest();
        return awaitResponse(tx, r -> r.getStatusCode() >= 200).getResponse();
    }

    /** Sends a request, answering one 401/407 with jain-sip's digest code; returns the final response. */
    public Response sendAnswering(Request request) throws Exception {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        tx.sendRequest();
        ResponseEvent e = awaitResponse(tx, r -> r.getStatusCode() >= 200);
        int status = e.getResponse().getStatusCode();
        if (status == 401 || status == 407) {
            ClientTransaction retry = auth.handleChallenge(e.getResponse(), tx, provider, 5);
            // the retry took the next CSeq; a later REGISTER on the same Call-ID must go above it
            cseq = Math.max(cseq, ((CSeqHeader) retry.getRequest().getHeader(CSeqHeader.NAME)).getSeqNumber() + 1);
            retry.sendRequest();
            e = awaitResponse(retry, r -> r.getStatusCode() >= 200);
        }
        return e.getResponse();
    }

    public Response register() throws Exception {
        return register(600);
    }

    public Response register(int expires) throws Exception {
        return sendAnswering(newRegister(expires));
    }

    /** A retry of {@code request} with the next CSeq, a new branch and the given extra header. */
    public Request retryOf(Request request, String headerName, String headerValue) throws Exception {
        Request r = (Request) request.clone();
        ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq++);
        r.removeHeader("Via");
        r.addHeader(headers.createViaHeader("127.0.0.1", port(), transport, null));
        r.setHeader(headers.createHeader(headerName, headerValue));
        return r;
    }

    /** Places a call; returns at once (the caller side is then driven by awaitCallResponse/ack/bye). */
    public void call(String target, String sdp) throws Exception {
        Request invite = newRequest(Request.INVITE, target);
        if (sdp != null) {
            invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        outgoing = provider.getNewClientTransaction(invite);
        dialog = outgoing.getDialog();
        outgoing.sendRequest();
    }

    /** Places a call expecting a 407 first, answered with jain-sip's own digest code. */
    public void callWithChallenge(String target, String sdp) throws Exception {
        call(target, sdp);
        Response challenge = awaitCallResponse(407);
        outgoing = auth.handleChallenge(challenge, outgoing, provider, 5);
        dialog = outgoing.getDialog();
        outgoing.sendRequest();
    }

    /** Waits for a response to the current outgoing INVITE with this status. */
    public Response awaitCallResponse(int status) throws Exception {
        return awaitResponse(outgoing, r -> r.getStatusCode() == status).getResponse();
    }

    /** ACK for the 2xx of the current call (RFC 3261 §13.2.2.4), through jain-sip's dialog. */
    public void ack(Response ok) throws Exception {
        Dialog d = dialog;
        Request ack = d.createAck(((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber());
        d.sendAck(ack);
    }

    public void hangUp() throws Exception {
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction tx = provider.getNewClientTransaction(bye);
        dialog.sendRequest(tx);
        awaitResponse(tx, r -> r.getStatusCode() >= 200);
    }

    /** A request inside the current dialog (re-INVITE, INFO...), with an optional body; returns its final response. */
    public Response inDialog(String method, String contentType, String body) throws Exception {
        Request r = dialog.createRequest(method);
        if (body != null) {
            String[] type = contentType.split("/");
            r.setContent(body, headers.createContentTypeHeader(type[0], type[1]));
        }
        ClientTransaction tx = provider.getNewClientTransaction(r);
        dialog.sendRequest(tx);
        return awaitResponse(tx, x -> x.getStatusCode() >= 200).getResponse();
    }

    public void cancel() throws Exception {
        ClientTransaction tx = provider.getNewClientTransaction(outgoing.createCancel());
        tx.sendRequest();
    }

    public Response sendMessage(String target, String text) throws Exception {
        Request m = newRequest(Request.MESSAGE, target);
        m.removeHeader("Contact");
        m.setContent(text, headers.createContentTypeHeader("text", "plain"));
        return sendAnswering(m);
    }

    // ---- as callee ----

    /** Waits for an INVITE, keeps its server transaction and dialog. */
    public RequestEvent awaitInvite() throws Exception {
        RequestEvent e = awaitRequest(Request.INVITE);
        return e;
    }

    public void respond(int status, String sdp) throws Exception {
        Response r = messages.createResponse(status, incoming.getRequest());
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to.getTag() == null) { // a re-INVITE already carries our tag
            to.setTag("callee-" + user + "-" + port());
        }
        r.addHeader(headers.createContactHeader(addresses.createAddress(contactUri())));
        if (sdp != null) {
            r.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        incomingTx.sendResponse(r);
        if (status == 200) {
            dialog = incomingTx.getDialog();
        }
    }

    public static String body(javax.sip.message.Message m) {
        byte[] raw = m.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    public static String contentType(javax.sip.message.Message m) {
        ContentTypeHeader h = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        return h == null ? null : h.getContentType() + "/" + h.getContentSubType();
    }

    // ---- events ----

    private synchronized void add(Object e) {
        events.add(e);
        notifyAll();
    }

    private synchronized Object await(Predicate<Object> p, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            for (int i = 0; i < events.size(); i++) {
                if (p.test(events.get(i))) {
                    return events.remove(i);
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError(user + ": no " + what + " within " + WAIT_MS + " ms; have " + describe());
            }
            wait(left);
        }
    }

    private String describe() {
        List<String> out = new ArrayList<>();
        for (Object e : events) {
            out.add(e instanceof RequestEvent r ? r.getRequest().getMethod()
                    : e instanceof ResponseEvent r ? Integer.toString(r.getResponse().getStatusCode()) : e.toString());
        }
        return out.toString();
    }

    public ResponseEvent awaitResponse(ClientTransaction tx, Predicate<Response> p) throws InterruptedException {
        return (ResponseEvent) await(e -> e instanceof ResponseEvent r && r.getClientTransaction() == tx
                && p.test(r.getResponse()), "response");
    }

    public RequestEvent awaitRequest(String method) throws InterruptedException {
        return (RequestEvent) await(e -> e instanceof RequestEvent r && r.getRequest().getMethod().equals(method),
                method);
    }

    /** True when a request of that method arrives within {@code millis}. */
    public boolean receives(String method, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (this) {
            while (true) {
                for (Object e : events) {
                    if (e instanceof RequestEvent r && r.getRequest().getMethod().equals(method)) {
                        return true;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
        }
    }

    @Override
    public void processRequest(RequestEvent e) {
        try {
            Request r = e.getRequest();
            ServerTransaction st = e.getServerTransaction();
            switch (r.getMethod()) {
                case Request.INVITE:
                    if (st == null) {
                        st = provider.getNewServerTransaction(r);
                    }
                    incoming = e;
                    incomingTx = st;
                    break;
                case Request.ACK:
                    break;
                case Request.CANCEL:
                    st = st == null ? provider.getNewServerTransaction(r) : st;
                    st.sendResponse(messages.createResponse(200, r));
                    if (incomingTx != null) {
                        Response terminated = messages.createResponse(487, incoming.getRequest());
                        ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag("callee-" + user + "-" + port());
                        incomingTx.sendResponse(terminated);
                    }
                    break;
                default: // BYE, MESSAGE, INFO...: accepted
                    st = st == null ? provider.getNewServerTransaction(r) : st;
                    st.sendResponse(messages.createResponse(200, r));
            }
        } catch (Exception ex) {
            add(ex);
        }
        add(e);
    }

    @Override public void processResponse(ResponseEvent e) { add(e); }
    @Override public void processTimeout(TimeoutEvent e) { add(e); }
    @Override public void processIOException(IOExceptionEvent e) { add(e); }
    @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent e) { }

    @Override
    public void close() {
        stack.stop();
    }
}
