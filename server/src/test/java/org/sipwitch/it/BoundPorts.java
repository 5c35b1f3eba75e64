package org.sipwitch.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The port a child process bound itself, read back from {@code /proc} (Linux): the test
 * never picks a free port, closes it and hands it over, which leaves a moment for anything
 * else on the machine to take it. Seeing the socket bound (for TCP: listening) is also the
 * signal that the child is ready to receive.
 */
final class BoundPorts {
    private static final String LOOPBACK = "0100007F"; // 127.0.0.1 as /proc/net prints it
    private static final String TCP_LISTEN = "0A";

    private BoundPorts() {
    }

    /**
     * The port of the lowest-numbered socket of {@code pid} bound to 127.0.0.1 — for
     * sipp, its SIP socket, which it opens before its media and control sockets — or
     * empty while there is none (yet).
     *
     * @param tcp a listening TCP socket, else a UDP one
     */
    static OptionalInt first(long pid, boolean tcp) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<Long, Integer> ports = new HashMap<>();
        try {
            for (String table : tcp ? List.of("tcp") : List.of("udp")) {
                for (String line : Files.readAllLines(proc.resolve("net").resolve(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st queues tr retrnsmt uid timeout inode
                    if (f.length < 10 || !f[1].startsWith(LOOPBACK + ":") || (tcp && !f[3].equals(TCP_LISTEN))) {
                        continue;
                    }
                    ports.put(Long.parseLong(f[9]), Integer.parseInt(f[1].substring(LOOPBACK.length() + 1), 16));
                }
            }
            TreeMap<Integer, Long> sockets = new TreeMap<>();
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                for (Path fd : fds) {
                    String target = link(fd);
                    if (target != null && target.startsWith("socket:[")) {
                        sockets.put(Integer.parseInt(fd.getFileName().toString()),
                                Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                }
            }
            for (long inode : sockets.values()) {
                Integer port = ports.get(inode);
                if (port != null) {
                    return OptionalInt.of(port);
                }
            }
        } catch (IOException processGone) {
            // not started yet or already ended: nothing bound
        }
        return OptionalInt.empty();
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
            return null;
        }
    }
}
