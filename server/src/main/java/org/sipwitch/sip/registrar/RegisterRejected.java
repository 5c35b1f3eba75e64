package org.sipwitch.sip.registrar;

/** A REGISTER refused with a status and reason; thrown on hostile input, so no stack trace. */
final class RegisterRejected extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    RegisterRejected(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}
