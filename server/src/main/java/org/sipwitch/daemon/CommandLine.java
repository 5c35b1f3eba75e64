package org.sipwitch.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The daemon's options (MISSION.md §4). Parsed by hand: four options do not justify
 * a dependency, and the error text must name the option that was wrong.
 */
public record CommandLine(Path config, Optional<Path> runDir, Optional<Path> stateDir, Action action) {

    public enum Action { RUN, HELP, VERSION }

    /** A usage error: the message is printed as is, followed by a hint to --help. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static final String USAGE = String.join("\n",
            "Usage: sipwitch [options]",
            "Runs the sipwitch SIP call server in the foreground, logging to stderr.",
            "",
            "  -c, --config FILE   configuration file (default: conf/sipwitch.xml)",
            "      --run-dir DIR   control FIFO and pid file (default: /var/run/sipwitch,",
            "                      else $XDG_RUNTIME_DIR/sipwitch, else /tmp/sipwitch-$USER)",
            "      --state-dir DIR snapshots, persisted state, JMX credentials (default:",
            "                      /var/lib/sipwitch, else $XDG_STATE_HOME/sipwitch)",
            "      --help          show this help and exit",
            "      --version       show the version and exit",
            "",
            "Stop it with SIGTERM, Ctrl-C or 'sipwitchctl down'.");

    public static CommandLine parse(String[] args, Path defaultConfig) throws UsageException {
        Path config = defaultConfig;
        Path runDir = null;
        Path stateDir = null;
        Action action = Action.RUN;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-c", "--config" -> config = Path.of(value(args, ++i, arg, inline, i));
                case "--run-dir" -> runDir = Path.of(value(args, ++i, arg, inline, i));
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, arg, inline, i));
                case "-h", "--help" -> action = Action.HELP;
                case "-V", "--version" -> action = Action.VERSION;
                default -> throw new UsageException("sipwitch: unknown option '" + args[i] + "'");
            }
            if (inline != null) {
                i--; // the value was part of this argument, not the next one
            }
        }
        return new CommandLine(config, Optional.ofNullable(runDir), Optional.ofNullable(stateDir), action);
    }

    private static String value(String[] args, int at, String option, String inline, int nextIndex) throws UsageException {
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new UsageException("sipwitch: option " + option + " needs a value");
            }
            return inline;
        }
        if (at >= args.length || args[at].isEmpty()) {
            throw new UsageException("sipwitch: option " + option + " needs a value");
        }
        return args[at];
    }
}
