package org.sipwitch.daemon;

import java.nio.file.Path;
import java.util.Map;
import org.sipwitch.management.Version;

/**
 * Entry point of {@code scripts/sipwitch}. Exit status: 0 after an orderly stop,
 * 1 usage error, 2 configuration error, 3 could not start (bind, directories).
 */
public final class Main {
    public static final int EXIT_USAGE = 1;
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_START = 3;

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        CommandLine cl;
        try {
            cl = CommandLine.parse(args, defaultConfig(env));
        } catch (CommandLine.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println("Try 'sipwitch --help'.");
            System.exit(EXIT_USAGE);
            return;
        }
        switch (cl.action()) {
            case HELP -> {
                System.out.println(CommandLine.USAGE);
                return;
            }
            case VERSION -> {
                System.out.println("sipwitch " + Version.get());
                return;
            }
            default -> { }
        }
        System.exit(Daemon.run(cl, env));
    }

    /** conf/sipwitch.xml of the installation the launcher runs from, else of the working directory. */
    static Path defaultConfig(Map<String, String> env) {
        String home = env.get("SIPWITCH_HOME");
        return home != null && !home.isEmpty() ? Path.of(home, "conf", "sipwitch.xml") : Path.of("conf", "sipwitch.xml");
    }
}
