package org.sipwitch.config;

/** An {@code enable}/{@code disable} that cannot be done; the message says why, for the operator. */
public final class DropInException extends Exception {

    private static final long serialVersionUID = 1L;

    public DropInException(String message) {
        super(message);
    }

    public DropInException(String message, Throwable cause) {
        super(message, cause);
    }
}
