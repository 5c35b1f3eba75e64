package org.sipwitch.control;

import java.util.List;
import javax.management.ObjectName;

/**
 * One line of the {@link VerbTable}: a sipwitchctl verb and the single MBean attribute
 * or operation it maps to.
 *
 * @param name     the verb, e.g. {@code registry}
 * @param synopsis its arguments as the man page writes them, e.g. {@code ext ipaddr}
 * @param help     one line of help
 * @param minArgs  fewest arguments
 * @param maxArgs  most arguments ({@link Integer#MAX_VALUE} for "one or more")
 * @param target   the MBean it reaches, {@code null} for the bridge's own verbs
 * @param member   the attribute or operation name on {@code target}
 * @param kind     how it reaches it
 * @param check    argument check beyond arity
 * @param action   what the bridge does; {@code null} for {@link Kind#CLIENT} and
 *                 {@link Kind#STREAM} verbs, which the bridge handles itself
 * @param json     the same, answering JSON ({@code sipwitchctl --json}); {@code null} when
 *                 the verb has no JSON output. {@link Kind#STREAM} verbs mark theirs with
 *                 {@link #STREAM_JSON}
 */
public record Verb(String name, String synopsis, String help, int minArgs, int maxArgs,
                   ObjectName target, String member, Kind kind, ArgCheck check, Action action, Action json) {

    /** Marks a stream verb that can stream JSON; the bridge streams it itself. */
    static final Action STREAM_JSON = (server, args) -> Reply.failed("streamed by the bridge");

    /** Whether {@code --json} applies to this verb. */
    public boolean hasJson() {
        return json != null;
    }

    /** The action for the requested output format. */
    Action action(ControlRequest.Format format) {
        return format == ControlRequest.Format.JSON ? json : action;
    }

    /** How a verb reaches its MBean member. */
    public enum Kind {
        /** getAttribute / setAttribute. */
        ATTRIBUTE,
        /** invoke. */
        OPERATION,
        /** a stream of lines polled from an operation (events). */
        STREAM,
        /** computed by sipwitchctl itself; the bridge refuses it (digest: secrets stay local). */
        CLIENT,
        /** answered by the bridge (help). */
        BRIDGE
    }

    /** {@code name synopsis}, as usage lines show it. */
    public String usage() {
        return synopsis.isEmpty() ? name : name + " " + synopsis;
    }

    /** Arity and argument checks; {@code null} when fine, else a one-line message. */
    public String checkArgs(List<String> args) {
        if (args.size() < minArgs || args.size() > maxArgs) {
            String expected = minArgs == maxArgs ? String.valueOf(minArgs)
                    : maxArgs == Integer.MAX_VALUE ? "at least " + minArgs
                    : minArgs + " to " + maxArgs;
            return "'" + name + "' takes " + expected + " argument" + (maxArgs == 1 && minArgs == 1 ? "" : "s")
                    + ", got " + args.size() + "; usage: " + usage();
        }
        return check.check(args);
    }
}
