package org.sipwitch.sip.call;

/** Where a call session stands, with the character the {@code status} verb shows for it. */
public enum CallState {
    /** Target legs are being tried (INVITE sent, maybe 180). */
    RINGING('r', "ringing"),
    /** A target answered; the caller's ACK has not come yet. */
    CONNECTING('c', "connecting"),
    /** Both legs confirmed. */
    JOINED('j', "joined"),
    /** Joined, with the media put on hold by a re-INVITE (sendonly/inactive SDP). */
    HOLDING('h', "holding"),
    /** Ending: BYE/CANCEL sent, slot about to be freed. */
    CLOSING('x', "closing");

    public static final char FREE = '.';

    private final char symbol;
    private final String label;

    CallState(char symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    public char symbol() {
        return symbol;
    }

    public String label() {
        return label;
    }

    public boolean isAnswered() {
        return this == CONNECTING || this == JOINED || this == HOLDING;
    }
}
