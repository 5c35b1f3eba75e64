package org.sipwitch.control;

import static org.sipwitch.control.Verb.Kind.ATTRIBUTE;
import static org.sipwitch.control.Verb.Kind.BRIDGE;
import static org.sipwitch.control.Verb.Kind.CLIENT;
import static org.sipwitch.control.Verb.Kind.OPERATION;
import static org.sipwitch.control.Verb.Kind.STREAM;
import static org.sipwitch.mbeans.ObjectNames.CALLS;
import static org.sipwitch.mbeans.ObjectNames.CLUSTER;
import static org.sipwitch.mbeans.ObjectNames.CONFIG;
import static org.sipwitch.mbeans.ObjectNames.HISTORY;
import static org.sipwitch.mbeans.ObjectNames.MESSAGES;
import static org.sipwitch.mbeans.ObjectNames.POLICY;
import static org.sipwitch.mbeans.ObjectNames.REALM;
import static org.sipwitch.mbeans.ObjectNames.REGISTRY;
import static org.sipwitch.mbeans.ObjectNames.SERVER;
import static org.sipwitch.mbeans.ObjectNames.STATS;
import static org.sipwitch.mbeans.ObjectNames.TRACE;

import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;

/**
 * The verbs of sipwitchctl(1), each bound to exactly one MBean attribute or operation.
 * Keep in step with scripts/sipwitchctl (its VERBS line and argument checks) and
 * docs/sipwitchctl.1: tests compare all three.
 */
final class StandardVerbs {

    private static final int MANY = Integer.MAX_VALUE;
    /** The daemon's own limit (its Rules.MAX_CONCURRENCY, which this module cannot see). */
    private static final int MAX_CONCURRENCY = 256;
    /** registry's page: the default and largest number of rows, the largest offset. */
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 10_000;
    private static final int MAX_PAGE_OFFSET = 100_000_000;
    private static final ArgCheck DIGEST_TYPE = ArgCheck.oneOf(1, "digest type", "md5", "sha-256", "sha256");

    private final List<Verb> verbs = new ArrayList<>();

    private StandardVerbs() {
    }

    static List<Verb> all(VerbTable.Local local) {
        StandardVerbs v = new StandardVerbs();
        v.add("abort", "", "write a diagnostic dump, then terminate the daemon at once", 0, 0, SERVER, "abort",
                OPERATION, ArgCheck.NONE, Actions.invokeText(SERVER, "abort", 0, Formats::value));
        v.add("activate", "ext ipaddr", "register a static sip extension manually on a fixed address",
                2, 2, REGISTRY, "activate", OPERATION, ArgCheck.NONE,
                Actions.invokeText(REGISTRY, "activate", 2, Formatter.SILENT));
        v.add("calls", "", "list active call sessions on the server", 0, 0, CALLS, "Calls", ATTRIBUTE,
                ArgCheck.NONE, Actions.read(CALLS, "Calls", Formats::calls),
                Actions.read(CALLS, "Calls", Json.like(Formats::calls, "Calls")));
        v.add("check", "", "verify the running daemon for deadlocks and other problems", 0, 0, SERVER, "check",
                OPERATION, ArgCheck.NONE, Actions.invokeText(SERVER, "check", 0, Formats::check),
                Actions.invokeText(SERVER, "check", 0, Json.like(Formats::check, "check")));
        v.add("cluster", "", "list the nodes of the cluster, alive or down, and when each was last seen", 0, 0,
                CLUSTER, "Nodes", ATTRIBUTE, ArgCheck.NONE, Actions.read(CLUSTER, "Nodes", Formats::cluster),
                Actions.read(CLUSTER, "Nodes", Json.like(Formats::cluster, "Nodes")));
        v.add("concurrency", "[level]", "show, or set, the size of the call-processing worker pool (1 to 256)",
                0, 1, SERVER, "Concurrency", ATTRIBUTE, ArgCheck.integer(0, "level", 1, MAX_CONCURRENCY),
                Actions.readOrWrite(SERVER, "Concurrency", true, null));
        v.add("contact", "", "print the server contact address for autoconfiguration", 0, 0, SERVER, "Contact",
                ATTRIBUTE, ArgCheck.NONE, Actions.read(SERVER, "Contact", Formats::value));
        v.add("digest", "userid [realm [type]]",
                "compute a sip digest (HA1) for the server realm; the secret is prompted and never leaves this host",
                1, 3, REALM, "digest", CLIENT,
                ArgCheck.oneOf(2, "digest type", "md5", "sha-256", "sha256"), null);
        v.add("disable", "conf-id...", "disable sipwitch.d drop-in configurations", 1, MANY, CONFIG, "disable",
                OPERATION, ArgCheck.NONE, Actions.each(CONFIG, "disable"));
        v.add("down", "", "stop and shut down the running daemon", 0, 0, SERVER, "down", OPERATION,
                ArgCheck.NONE, Actions.invokeText(SERVER, "down", 0, Formatter.SILENT));
        v.add("drop", "user|callid", "drop the calls of a user, or one call by its id", 1, 1, CALLS, "drop",
                OPERATION, ArgCheck.NONE,
                Actions.invokeText(CALLS, "drop", 1, Formats.count("dropped %d call(s) of %s", "no call matches '%s'")));
        v.add("dump", "", "dump the effective server configuration", 0, 0, CONFIG, "EffectiveConfig", ATTRIBUTE,
                ArgCheck.NONE, Actions.read(CONFIG, "EffectiveConfig", Formats::value),
                Actions.read(CONFIG, "EffectiveConfig", Json.like(Formats::value, "EffectiveConfig")));
        v.add("enable", "conf-id...", "enable sipwitch.d drop-in configurations", 1, MANY, CONFIG, "enable",
                OPERATION, ArgCheck.NONE, Actions.each(CONFIG, "enable"));
        v.add("events", "", "display server events as they happen, until interrupted", 0, 0, SERVER,
                "eventsSince", STREAM, ArgCheck.NONE, null, Verb.STREAM_JSON);
        v.add("forward", "user all|busy|na|dnd target|off", "set or cancel a user's call forwarding (extension)", 3, 3,
                REGISTRY, "forward", OPERATION, ArgCheck.oneOf(1, "forwarding kind", "all", "busy", "na", "dnd"),
                Actions.invokeText(REGISTRY, "forward", 3, Formats::value));
        v.add("grant", "group", "grant a system group access to the control and state directories", 1, 1, CONFIG,
                "grant", OPERATION, ArgCheck.NONE, Actions.invokeText(CONFIG, "grant", 1, Formatter.SILENT));
        v.add("help", "", "list the verbs", 0, 0, null, "", BRIDGE, ArgCheck.NONE, local.help());
        v.add("history", "[size]", "dump recent error and warning log lines, or set their number", 0, 1, HISTORY,
                "history", OPERATION, ArgCheck.integer(0, "size", 1, 100000),
                history(Formats::history),
                history(Json.like(Formats::history, "history")));
        v.add("ifdown", "iface", "notify the server that a network interface went down", 1, 1, SERVER, "ifdown",
                OPERATION, ArgCheck.NONE, Actions.invokeText(SERVER, "ifdown", 1, Formatter.SILENT));
        v.add("ifup", "iface", "notify the server that a network interface came up", 1, 1, SERVER, "ifup",
                OPERATION, ArgCheck.NONE, Actions.invokeText(SERVER, "ifup", 1, Formatter.SILENT));
        v.add("message", "ext \"text\"", "send a short text message to a registered extension", 2, 2, MESSAGES,
                "send", OPERATION, ArgCheck.NONE,
                Actions.invokeText(MESSAGES, "send", 2, Formats.count("sent to %d contact(s) of %s",
                        "extension '%s' has no contact to send to")));
        v.add("period", "[interval]", "show the statistics period, or close the running period, print its "
                + "statistics and collect every interval minutes from now on (for cron)", 0, 1, STATS, "Period",
                ATTRIBUTE, ArgCheck.integer(0, "interval", 1, 1440), Actions.readOrWrite(STATS, "Period", true,
                        Actions.read(STATS, "PeriodicStats", Formats::pstats)));
        v.add("policy", "", "print the access policy lists and the peering (published) address", 0, 0, POLICY,
                "Policy", ATTRIBUTE, ArgCheck.NONE, Actions.read(POLICY, "Policy", Formats::policy),
                Actions.read(POLICY, "Policy", Json.like(Formats::policy, "Policy")));
        v.add("pstats", "", "dump periodic call statistics; see stats", 0, 0, STATS, "PeriodicStats", ATTRIBUTE,
                ArgCheck.NONE, Actions.read(STATS, "PeriodicStats", Formats::pstats),
                Actions.read(STATS, "PeriodicStats", Json.like(Formats::pstats, "PeriodicStats")));
        v.add("realm", "[new-realm [digest-type]]", "show, or set, the server realm and digest type", 0, 2, REALM,
                "realm", OPERATION, DIGEST_TYPE, Actions.invokeText(REALM, "realm", 2, Formats::realm));
        v.add("registry", "[offset [limit]]", "dump all user agent registrations, or the page of limit (100) "
                + "from offset", 0, 2, REGISTRY, "Registrations", ATTRIBUTE,
                ArgCheck.all(ArgCheck.integer(0, "offset", 0, MAX_PAGE_OFFSET), ArgCheck.integer(1, "limit", 1, MAX_PAGE)),
                registry(Formats::registry), registry(Json.like(Formats::registry, "Registrations")));
        v.add("release", "ext", "remove the registrations of an extension", 1, 1, REGISTRY, "release", OPERATION,
                ArgCheck.NONE, Actions.invokeText(REGISTRY, "release", 1,
                        Formats.count("released %d registration(s) of %s", "extension '%s' is not registered")));
        v.add("reload", "", "re-read the server configuration while live; print what was applied and what "
                + "needs a restart", 0, 0, SERVER, "reload", OPERATION,
                ArgCheck.NONE, Actions.invokeText(SERVER, "reload", 0, Formats::value));
        v.add("restart", "", "restart the server in-process", 0, 0, SERVER, "restart", OPERATION, ArgCheck.NONE,
                Actions.invokeText(SERVER, "restart", 0, Formatter.SILENT));
        v.add("siplog", "", "dump the sip messages captured while trace was on", 0, 0, TRACE, "Messages", ATTRIBUTE,
                ArgCheck.NONE, Actions.read(TRACE, "Messages", Formats::siplog),
                Actions.read(TRACE, "Messages", Json.like(Formats::siplog, "Messages")));
        v.add("snapshot", "", "write a diagnostic snapshot file and print its path", 0, 0, SERVER, "snapshot",
                OPERATION, ArgCheck.NONE, Actions.invokeText(SERVER, "snapshot", 0, Formats::value));
        v.add("state", "[id]", "show the daemon's state, or switch it to the named state", 0, 1, SERVER, "State",
                ATTRIBUTE, ArgCheck.NONE, Actions.readOrWrite(SERVER, "State", false, null));
        v.add("stats", "", "dump call statistics per entity", 0, 0, STATS, "Stats", ATTRIBUTE, ArgCheck.NONE,
                Actions.read(STATS, "Stats", Formats::stats),
                Actions.read(STATS, "Stats", Json.like(Formats::stats, "Stats")));
        v.add("status", "", "print the mapped call status list, one character per call slot", 0, 0, CALLS, "Status",
                ATTRIBUTE, ArgCheck.NONE, Actions.read(CALLS, "Status", Formats::value),
                Actions.read(CALLS, "Status", Json.like(Formats::value, "Status")));
        v.add("trace", "on|off|clear", "set, or clear, sip message tracing", 1, 1, TRACE, "trace", OPERATION,
                ArgCheck.oneOf(0, "trace mode", "on", "off", "clear"),
                Actions.invokeText(TRACE, "trace", 1, Formatter.SILENT));
        v.add("unblock", "address[/prefix]",
                "lift the blocks and user locks that failed authentications put on an address or network",
                1, 1, POLICY, "unblock", OPERATION, ArgCheck.NONE,
                Actions.invokeText(POLICY, "unblock", 1, Formats.count("lifted %d block(s) in %s",
                        "nothing is blocked in %s")));
        v.add("usercache", "", "dump the cache of recently authenticated users", 0, 0, REGISTRY, "UserCache",
                ATTRIBUTE, ArgCheck.NONE, Actions.read(REGISTRY, "UserCache", Formats::usercache),
                Actions.read(REGISTRY, "UserCache", Json.like(Formats::usercache, "UserCache")));
        v.add("verbose", "[level]", "show, or set, the logging verbosity, 0 (errors only) to 9", 0, 1, SERVER,
                "Verbose", ATTRIBUTE, ArgCheck.integer(0, "level", 0, 9),
                Actions.readOrWrite(SERVER, "Verbose", true, null));
        v.add("version", "", "print the versions of sipwitchctl and of the daemon", 0, 0, SERVER, "Version",
                ATTRIBUTE, ArgCheck.NONE, Actions.read(SERVER, "Version", (value, args) -> Reply.ok("sipwitch " + value)));
        return v.verbs;
    }

    private void add(String name, String synopsis, String help, int min, int max, ObjectName target,
                     String member, Verb.Kind kind, ArgCheck check, Action action) {
        add(name, synopsis, help, min, max, target, member, kind, check, action, null);
    }

    /** A data verb: {@code json} answers the same value as JSON ({@code sipwitchctl --json}). */
    private void add(String name, String synopsis, String help, int min, int max, ObjectName target,
                     String member, Verb.Kind kind, ArgCheck check, Action action, Action json) {
        verbs.add(new Verb(name, synopsis, help, min, max, target, member, kind, check, action, json));
    }

    /**
     * Without arguments every registration (the Registrations attribute); with an offset
     * one page through registrationPage, so that a large registry is read in pieces.
     */
    private static Action registry(Formatter format) {
        Action all = Actions.read(REGISTRY, "Registrations", format);
        Action page = Actions.invoke(REGISTRY, "registrationPage", new String[] {"int", "int"},
                args -> new Object[] {Integer.parseInt(args.get(0)),
                        args.size() > 1 ? Integer.parseInt(args.get(1)) : DEFAULT_PAGE}, format);
        return (server, args) -> (args.isEmpty() ? all : page).perform(server, args);
    }

    private static Action history(Formatter format) {
        return Actions.invoke(HISTORY, "history", new String[] {"int"},
                args -> new Object[] {args.isEmpty() ? 0 : Integer.parseInt(args.get(0))}, format);
    }
}
