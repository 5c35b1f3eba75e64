package org.sipwitch.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipwitch.mbeans.TraceEntry;

/** Reply paths that must be refused, and clients that must not block the bridge. */
class ReplySafetyTest extends RealBridgeTest {

    @Override
    BridgeSettings settings() {
        return BridgeSettings.defaults().withReplyTimeout(Duration.ofSeconds(1));
    }

    @Test
    void unsafeReplyPathsAreRefusedAndNothingIsWritten() throws Exception {
        Path victim = Files.writeString(temp.resolve("victim"), "precious\n");
        Path priv = privateDir("sipwitchctl.abc");
        Files.createSymbolicLink(priv.resolve("link"), victim);
        Files.writeString(priv.resolve("regular"), "mine\n");
        Path outsideDir = Files.createDirectory(temp.resolve("sipwitchctl.out"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path outside = outsideDir.resolve("reply");
        Fifos.create(outside, "0600");
        Path open = Files.createDirectory(tmp.resolve("sipwitchctl.open"));   // group/other readable
        Fifos.create(open.resolve("reply"), "0600");
        Path otherName = privateDir("other.dir");
        Fifos.create(otherName.resolve("reply"), "0600");

        CompletableFuture<byte[]> outsideReader = CompletableFuture.supplyAsync(() -> readAll(outside));
        List<String> paths = List.of(
                outside.toString(),                                   // outside the reply roots
                priv.resolve("link").toString(),                      // a symlink
                priv.resolve("regular").toString(),                   // a regular file
                tmp + "/sipwitchctl.abc/../../victim",                 // .. to escape
                tmp + "/sipwitchctl.abc/./regular",                    // not normalized
                "relative/sipwitchctl.abc/reply",                      // not absolute
                open.resolve("reply").toString(),                     // directory not private
                otherName.resolve("reply").toString());               // not a sipwitchctl.* directory
        for (String p : paths) {
            sendRaw("sipwitchctl/1\t" + p + "\tregistry\n");
        }
        sendRaw("garbage without tabs\n");
        sendRaw("x".repeat(10_000) + "\n");
        // the next real request is answered, so all of the above were handled (refused) before it
        var next = new Sipwitchctl("dash", runDir, tmp).run("contact");
        assertThat(next.exit()).isZero();
        assertThat(bridge.refused()).isEqualTo(paths.size() + 2);
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.readString(priv.resolve("regular"))).isEqualTo("mine\n");
        // unblock the reader of the outside FIFO ourselves: it must have seen nothing
        try (FileChannel w = FileChannel.open(outside, StandardOpenOption.WRITE)) {
            assertThat(w.isOpen()).isTrue();
        }
        assertThat(outsideReader.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aClientThatDiesBeforeReadingDoesNotBlockTheBridge() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path dead = privateDir("sipwitchctl.dead" + i);
            Fifos.create(dead.resolve("reply"), "0600");   // nobody ever opens it
            sendRaw("sipwitchctl/1\t" + dead.resolve("reply") + "\tregistry\n");
        }
        var next = new Sipwitchctl("dash", runDir, tmp).run("registry");
        assertThat(next.exit()).isZero();
        assertThat(next.out()).contains("3 registrations");
    }

    @Test
    void aClientThatStopsReadingIsAbandonedAfterTheTimeout() throws Exception {
        String big = "X".repeat(3000);
        for (int i = 0; i < 200; i++) {   // ~600 KB: far more than a pipe holds
            daemon.trace.add(new TraceEntry(0, "in", "peer", "udp", big));
        }
        Path stuck = privateDir("sipwitchctl.stuck");
        Path fifo = stuck.resolve("reply");
        Fifos.create(fifo, "0600");
        try (FileChannel holder = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // holds the read end but never reads
            for (int i = 0; i < 6; i++) {   // more than the worker pool: each must be freed by the timeout
                sendRaw("sipwitchctl/1\t" + fifo + "\tsiplog\n");
            }
            var next = new Sipwitchctl("dash", runDir, tmp).run("status");
            assertThat(next.exit()).as(next.err()).isZero();
            assertThat(holder.isOpen()).isTrue();
        }
    }

    @Test
    void aLineLeftUnfinishedDoesNotSwallowTheNextRequest() throws Exception {
        // a client that died in the middle of its write: no LF will ever follow
        sendRaw("sipwitchctl/1\t" + tmp + "/sipwitchctl.dead/reply\tregis");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> bridge.refused() == 1);
        var next = new Sipwitchctl("dash", runDir, tmp).run("contact");
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.out()).isEqualTo("sip:192.0.2.1:5060\n");
    }

    @Test
    @Timeout(10) // the read below blocks until the bridge answers
    void aRequestGluedToAnUnfinishedLineIsStillServed() throws Exception {
        Path dir = privateDir("sipwitchctl.glued");
        Path fifo = dir.resolve("reply");
        Fifos.create(fifo, "0600");
        try (FileChannel reply = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // the broken client's bytes and the next request arrive in one read
            sendRaw("sipwitchctl/1\t/tmp/half-writtensipwitchctl/1\t" + fifo + "\tcontact\n");
            ByteBuffer in = ByteBuffer.allocate(4096);
            StringBuilder got = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!got.toString().contains("=0") && System.nanoTime() < deadline) {
                in.clear();
                reply.read(in);   // blocks until the bridge writes; it answers or the test times out
                got.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
            }
            assertThat(got.toString()).contains(">sip:192.0.2.1:5060\n").contains("=0");
        }
        assertThat(bridge.refused()).isEqualTo(1);
    }

    private Path privateDir(String name) throws IOException {
        return Files.createDirectory(tmp.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private void sendRaw(String line) throws IOException {
        try (FileChannel ch = FileChannel.open(bridge.controlPath(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static byte[] readAll(Path fifo) {
        try {
            return Files.readAllBytes(fifo);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
