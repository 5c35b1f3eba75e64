package org.sipwitch.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tunables of the {@link FifoBridge}; {@link #defaults()} suits the daemon.
 *
 * @param replyRoots      directories in which sipwitchctl makes its private
 *                        {@code sipwitchctl.*} directory holding the reply FIFO
 * @param replyTimeout    longest a whole reply may take to write (a reader that stops
 *                        reading is abandoned after it)
 * @param keepAlive       how often an idle {@code events} stream writes a keep-alive
 *                        line, which is how the bridge notices the reader is gone
 * @param eventPoll       how often an {@code events} stream polls when no notification
 *                        woke it
 * @param workers         threads executing verbs
 * @param maxStreams      concurrent {@code events} streams
 */
public record BridgeSettings(List<Path> replyRoots, Duration replyTimeout, Duration keepAlive,
                             Duration eventPoll, int workers, int maxStreams) {

    public BridgeSettings {
        replyRoots = List.copyOf(replyRoots);
    }

    /** /tmp, /var/tmp, java.io.tmpdir and the daemon's $TMPDIR; 10 s replies; 5 s keep-alive. */
    public static BridgeSettings defaults() {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(Path.of("/tmp"));
        roots.add(Path.of("/var/tmp"));
        roots.add(Path.of(System.getProperty("java.io.tmpdir")));
        String tmpdir = System.getenv("TMPDIR");
        if (tmpdir != null && tmpdir.startsWith("/")) {
            roots.add(Path.of(tmpdir));
        }
        return new BridgeSettings(new ArrayList<>(roots), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMillis(500), 4, 16);
    }

    public BridgeSettings withReplyRoots(List<Path> roots) {
        return new BridgeSettings(roots, replyTimeout, keepAlive, eventPoll, workers, maxStreams);
    }

    public BridgeSettings withReplyTimeout(Duration timeout) {
        return new BridgeSettings(replyRoots, timeout, keepAlive, eventPoll, workers, maxStreams);
    }

    public BridgeSettings withKeepAlive(Duration interval) {
        return new BridgeSettings(replyRoots, replyTimeout, interval, eventPoll, workers, maxStreams);
    }
}
