package org.sipwitch.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The operator's tools run against a test daemon: sipwitchctl, sipwitch-jmx, a JMX client. */
final class Tools {

    /** What a tool printed and how it exited. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Tools() {
    }

    static Result sipwitchctl(DaemonProcess daemon, String... args) throws Exception {
        return script("sipwitchctl", daemon, args);
    }

    static Result sipwitchJmx(DaemonProcess daemon, String... args) throws Exception {
        return script("sipwitch-jmx", daemon, args);
    }

    /** sipwitchctl with text on its standard input (a pipe, not a terminal). */
    static Result sipwitchctlWithInput(DaemonProcess daemon, String input, String... args) throws Exception {
        Path in = Files.createTempFile("tool", ".in");
        try {
            Files.writeString(in, input, StandardCharsets.UTF_8);
            return script("sipwitchctl", daemon, in.toFile(), args);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    private static Result script(String name, DaemonProcess daemon, String... args) throws Exception {
        return script(name, daemon, new java.io.File("/dev/null"), args);
    }

    private static Result script(String name, DaemonProcess daemon, java.io.File stdin, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(DaemonProcess.script(name).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SIPWITCH_RUNDIR", daemon.runDir().toString());
        String jmxterm = System.getProperty("sipwitch.jmxterm");
        if (jmxterm != null) {
            pb.environment().put("SIPWITCH_JMXTERM_JAR", jmxterm);
        }
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(stdin)).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " " + args[0] + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Connects to the daemon's remote JMX as {@code user}, with its password from the state directory. */
    static JMXConnector jmx(DaemonProcess daemon, String user) throws IOException {
        return jmx(daemon, user, password(daemon, user));
    }

    static JMXConnector jmx(DaemonProcess daemon, String user, String password) throws IOException {
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        return JMXConnectorFactory.connect(new JMXServiceURL(runFile(daemon).get("url")), env);
    }

    static String password(DaemonProcess daemon, String user) throws IOException {
        for (String line : Files.readAllLines(daemon.stateDir().resolve("jmxremote.password"))) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(user)) {
                return parts[1];
            }
        }
        throw new IllegalStateException("no user " + user + " in the password file");
    }

    /** {@code <run-dir>/jmx}: url and password-file. */
    static Map<String, String> runFile(DaemonProcess daemon) throws IOException {
        Map<String, String> map = new HashMap<>();
        for (String line : Files.readAllLines(daemon.runDir().resolve("jmx"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }
}
