package org.sipwitch.sip.message;

/** A SIP request: method, Request-URI, headers, body. */
public final class SipRequest extends SipMessage {
    private final String method;
    private SipUri uri;

    public SipRequest(String method, SipUri uri) {
        this.method = method;
        this.uri = uri;
    }

    public String method() {
        return method;
    }

    public SipUri uri() {
        return uri;
    }

    public void setUri(SipUri newUri) {
        this.uri = newUri;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    @Override
    public String startLine() {
        return method + " " + uri + " " + VERSION;
    }

    @Override
    public String toString() {
        return startLine();
    }
}
