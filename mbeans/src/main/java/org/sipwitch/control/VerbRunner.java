package org.sipwitch.control;

import javax.management.MBeanServerConnection;

/** Checks a request against its verb and performs it; every failure becomes a {@link Reply}. */
final class VerbRunner {

    private VerbRunner() {
    }

    /** A refusal, or {@code null} when the request may be performed. */
    static Reply check(Verb verb, ControlRequest request) {
        if (verb == null) {
            return Reply.refused("unknown verb '" + request.verb() + "'; try 'sipwitchctl help'");
        }
        if (request.badOption() != null) {
            return Reply.refused("unknown request option '" + request.badOption() + "'");
        }
        if (request.format() == ControlRequest.Format.JSON && !verb.hasJson()) {
            return Reply.refused("'" + verb.name() + "' has no JSON output");
        }
        String bad = request.badArgument();
        if (bad == null) {
            bad = verb.checkArgs(request.args());
        }
        if (bad != null) {
            return Reply.refused(bad);
        }
        if (verb.kind() == Verb.Kind.CLIENT) {
            return Reply.refused("'" + verb.name() + "' is computed by sipwitchctl itself, "
                    + "so that secrets never cross the control pipe");
        }
        return null;
    }

    static Reply perform(Verb verb, ControlRequest request, MBeanServerConnection server) {
        try {
            return verb.action(request.format()).perform(server, request.args());
        } catch (Exception e) {
            return Failures.toReply(e);
        }
    }
}
