package org.sipwitch.sip.message;

/** A SIP response: status code, reason phrase, headers, body. */
public final class SipResponse extends SipMessage {
    private final int status;
    private final String reason;

    public SipResponse(int status, String reason) {
        this.status = status;
        this.reason = reason == null || reason.isEmpty() ? StatusCodes.reason(status) : reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isFinal() {
        return status >= 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    @Override
    public String startLine() {
        return VERSION + " " + status + " " + reason;
    }

    @Override
    public String toString() {
        return startLine();
    }
}
