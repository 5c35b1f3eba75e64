package org.sipwitch.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace with nothing but {@code lo}, for the browser tests: WebRTC gathers
 * ICE candidates on every interface it sees, and a browser, the daemon and sipp run in
 * here see only 127.0.0.1/::1, so no packet can go anywhere else. Made with
 * {@code unshare -n} (needs root or CAP_SYS_ADMIN); a {@code sh} holding it open waits on
 * its stdin and ends when this closes it. Others join with {@link #prefix()} (nsenter).
 * The FIFO of {@code sipwitchctl} is a file, so it works across the namespace boundary.
 */
final class LoopbackNamespace implements AutoCloseable {
    private final Process holder;

    private LoopbackNamespace(Process holder) {
        this.holder = holder;
    }

    /** A fresh namespace with lo up, or null (and the reason on {@code why}) when this host cannot make one. */
    static LoopbackNamespace create(StringBuilder why) {
        Process p;
        try {
            p = new ProcessBuilder("unshare", "--net", "sh", "-c", "ip link set lo up && echo up && exec cat")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            why.append("unshare cannot run: ").append(e.getMessage());
            return null;
        }
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine(); // blocks until the shell says lo is up, or ends
            if ("up".equals(line) && p.isAlive()) {
                return new LoopbackNamespace(p);
            }
            why.append("unshare --net failed: ").append(line);
        } catch (IOException e) {
            why.append("unshare --net failed: ").append(e.getMessage());
        }
        p.destroy();
        return null;
    }

    /** Runs a command inside: {@code nsenter --net=/proc/<holder>/ns/net <command…>}. */
    List<String> prefix() {
        return List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net");
    }

    @Override
    public void close() throws InterruptedException {
        try {
            holder.getOutputStream().close(); // cat ends, and with it the namespace
        } catch (IOException ignored) {
            // already gone
        }
        if (!holder.waitFor(5, TimeUnit.SECONDS)) {
            holder.destroyForcibly();
        }
    }
}
