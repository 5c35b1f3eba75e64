package org.sipwitch.control;

import java.util.List;

/**
 * What a verb answers: lines for stdout, lines for stderr, and a status.
 *
 * <p>Status codes are the daemon's half of sipwitchctl's exit status (the tool uses
 * 1-19 for what it finds itself): {@link #OK}, {@link #FAILED} (the MBean refused or
 * failed, e.g. unknown extension), {@link #REFUSED} (the request itself was bad:
 * unknown verb, wrong arguments), {@link #UNAVAILABLE} (the daemon cannot serve it now:
 * MBean not registered, busy, stopping).
 */
public record Reply(int status, String reason, List<String> out, List<String> err) {

    public static final int OK = 0;
    public static final int FAILED = 20;
    public static final int REFUSED = 21;
    public static final int UNAVAILABLE = 22;

    public Reply {
        reason = reason == null ? "" : reason;
        out = List.copyOf(out);
        err = List.copyOf(err);
    }

    public static Reply ok(List<String> out) {
        return new Reply(OK, "ok", out, List.of());
    }

    public static Reply ok(String... out) {
        return ok(List.of(out));
    }

    public static Reply failed(String reason) {
        return new Reply(FAILED, reason, List.of(), List.of());
    }

    public static Reply refused(String reason) {
        return new Reply(REFUSED, reason, List.of(), List.of());
    }

    public static Reply unavailable(String reason) {
        return new Reply(UNAVAILABLE, reason, List.of(), List.of());
    }

    public boolean isOk() {
        return status == OK;
    }
}
