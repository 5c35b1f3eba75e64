package org.sipwitch.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real scripts/sipwitchctl with a given shell; every wait is bounded. */
final class Sipwitchctl {

    static final Path SCRIPT = Path.of("../scripts/sipwitchctl").toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {
    }

    private final String shell;
    private final Path runDir;
    private final Path tmpDir;
    private final Map<String, String> extraEnv = new HashMap<>();
    private final List<String> prefix = new ArrayList<>();

    Sipwitchctl(String shell, Path runDir, Path tmpDir) {
        this.shell = shell;
        this.runDir = runDir;
        this.tmpDir = tmpDir;
    }

    /** The same tool with one more environment variable (overriding the defaults below). */
    Sipwitchctl env(String name, String value) {
        extraEnv.put(name, value);
        return this;
    }

    /** Runs the tool as another user (the tests run as root in CI): {@code setpriv} with that uid and gid. */
    Sipwitchctl as(int uid, int gid) {
        prefix.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        return this;
    }

    Result run(String... args) throws Exception {
        return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) throws Exception {
        Process p = start(args);
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sipwitchctl " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), read(p.getInputStream()), read(p.getErrorStream()));
    }

    Process start(String... args) throws IOException {
        // as from a terminal, whatever started the build: a background job (nohup, '&' in a
        // script) ignores SIGINT and SIGHUP, and a shell cannot trap what it was born ignoring
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT,HUP"));
        cmd.addAll(prefix);
        cmd.addAll(List.of(shell, SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SIPWITCH_RUNDIR", runDir.toString());
        env.put("TMPDIR", tmpDir.toString());
        env.put("SIPWITCHCTL_TIMEOUT", "3");
        env.putAll(extraEnv);
        return pb.start();
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
