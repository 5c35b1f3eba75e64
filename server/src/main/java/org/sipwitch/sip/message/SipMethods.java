package org.sipwitch.sip.message;

/** The request methods the server knows by name. */
public final class SipMethods {
    public static final String INVITE = "INVITE";
    public static final String ACK = "ACK";
    public static final String BYE = "BYE";
    public static final String CANCEL = "CANCEL";
    public static final String OPTIONS = "OPTIONS";
    public static final String REGISTER = "REGISTER";
    public static final String MESSAGE = "MESSAGE";
    public static final String INFO = "INFO";
    public static final String UPDATE = "UPDATE";
    public static final String PRACK = "PRACK";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String NOTIFY = "NOTIFY";
    public static final String REFER = "REFER";
    public static final String PUBLISH = "PUBLISH";

    private SipMethods() {
    }
}
