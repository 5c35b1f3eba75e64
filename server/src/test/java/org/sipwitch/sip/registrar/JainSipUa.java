package org.sipwitch.sip.registrar;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AccountManager;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
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
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A real, independent SIP user agent: the NIST jain-sip reference implementation
 * with its own transaction layer and its own digest code (AuthenticationHelper).
 */
final class JainSipUa implements SipListener, AutoCloseable {
    private static final AtomicInteger STACKS = new AtomicInteger();

    final String user;
    private final String transport;
    private final int serverPort;
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint lp;
    final AddressFactory addresses;
    final HeaderFactory headers;
    private final MessageFactory messages;
    private final AuthenticationHelper auth;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final CallIdHeader callId;
    private long cseq = 1;

    JainSipUa(String user, String password, String transport, int serverPort) throws Exception {
        this.user = user;
        this.transport = transport;
        this.serverPort = serverPort;
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "ua-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", QuietStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
        stack = factory.createSipStack(p);
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
        messages = factory.createMessageFactory();
        lp = stack.createListeningPoint("127.0.0.1", freePort(transport), transport);
        provider = stack.createSipProvider(lp);
        provider.addSipListener(this);
        callId = provider.getNewCallId();
        AccountManager accounts = (tx, realm) -> new UserCredentials() {
            @Override public String getUserName() { return user; }
            @Override public String getPassword() { return password; }
            @Override public String getSipDomain() { return realm; }
        };
        auth = ((SipStackExt) stack).getAuthenticationHelper(accounts, headers);
    }

    private static int freePort(String transport) throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (transport.equals("udp")) {
            try (DatagramSocket s = new DatagramSocket(any)) {
                return s.getLocalPort();
            }
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(any);
            return s.getLocalPort();
        }
    }

    int localPort() {
        return lp.getPort();
    }

    String contactUri() {
        return "sip:" + user + "@127.0.0.1:" + lp.getPort() + (transport.equals("tcp") ? ";transport=tcp" : "");
    }

    Request newRegister(int expires) throws Exception {
        SipURI requestUri = addresses.createSipURI(null, "127.0.0.1");
        requestUri.setPort(serverPort);
        requestUri.setTransportParam(transport);
        Address aor = addresses.createAddress(addresses.createSipURI(user, "example.net"));
        Request r = messages.createRequest(requestUri, Request.REGISTER, callId,
                headers.createCSeqHeader(cseq++, Request.REGISTER), headers.createFromHeader(aor, "t" + cseq),
                headers.createToHeader(aor, null),
                List.of(headers.createViaHeader("127.0.0.1", lp.getPort(), transport, null)),
                headers.createMaxForwardsHeader(70));
        ContactHeader contact = headers.createContactHeader(addresses.createAddress(contactUri()));
        r.addHeader(contact);
        r.addHeader(headers.createExpiresHeader(expires));
        r.addHeader(headers.createUserAgentHeader(List.of("jain-sip-ri/1.3")));
        return r;
    }

    /** Sends a request in a new client transaction and waits for its final response. */
    Response send(Request request) throws Exception {
        ClientTransaction tx = provider.getNewClientTransaction(request);
        tx.sendRequest();
        return awaitFinal(tx);
    }

    /** REGISTER; answers a 401 with jain-sip's own digest code; returns the final answer. */
    Response register(int expires) throws Exception {
        ClientTransaction tx = provider.getNewClientTransaction(newRegister(expires));
        tx.sendRequest();
        Response r = awaitFinal(tx);
        if (r.getStatusCode() == 401) {
            ClientTransaction retry = auth.handleChallenge(r, tx, provider, 5);
            cseq = ((CSeqHeader) retry.getRequest().getHeader(CSeqHeader.NAME)).getSeqNumber() + 1;
            retry.sendRequest();
            r = awaitFinal(retry);
        }
        return r;
    }

    /** A retry of {@code request} with the next CSeq, a new branch and the given extra header. */
    Request retryOf(Request request, String headerName, String headerValue) throws Exception {
        Request r = (Request) request.clone();
        ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq++);
        r.removeHeader("Via");
        r.addHeader(headers.createViaHeader("127.0.0.1", lp.getPort(), transport, null));
        r.setHeader(headers.createHeader(headerName, headerValue));
        return r;
    }

    private Response awaitFinal(ClientTransaction tx) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Object e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e instanceof ResponseEvent) {
                ResponseEvent re = (ResponseEvent) e;
                if (re.getClientTransaction() == tx && re.getResponse().getStatusCode() >= 200) {
                    return re.getResponse();
                }
            } else if (e instanceof TimeoutEvent) {
                throw new AssertionError("REGISTER timed out");
            } else if (e instanceof IOExceptionEvent) {
                throw new AssertionError("I/O error sending REGISTER");
            }
        }
        throw new AssertionError("no final response");
    }

    @Override public void processResponse(ResponseEvent e) { events.add(e); }
    @Override public void processTimeout(TimeoutEvent e) { events.add(e); }
    @Override public void processIOException(IOExceptionEvent e) { events.add(e); }
    @Override public void processRequest(RequestEvent e) { }
    @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
    @Override public void processDialogTerminated(DialogTerminatedEvent e) { }

    @Override
    public void close() {
        stack.stop();
    }
}
