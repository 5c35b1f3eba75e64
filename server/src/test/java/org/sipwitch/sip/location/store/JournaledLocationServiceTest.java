package org.sipwitch.sip.location.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.BindingListener;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.MutableClock;
import org.slf4j.LoggerFactory;

class JournaledLocationServiceTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final List<JournaledLocationService> opened = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(StoreLoader.class)).addAppender(log);
        ((Logger) LoggerFactory.getLogger(JournaledLocationService.class)).addAppender(log);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(StoreLoader.class)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(JournaledLocationService.class)).detachAppender(log);
    }

    JournaledLocationService open() {
        JournaledLocationService s = JournaledLocationService.open(new InMemoryLocationService(clock, 8), dir, clock);
        opened.add(s);
        return s;
    }

    Binding binding(String user, String contact, Peer peer, long seconds) {
        return new Binding(user, "201", contact, peer, "cid-" + contact, 7, clock.millis() + seconds * 1000, 0.5f,
                "Phone\t1.0 %~ \u00e9", null, clock.millis(), false);
    }

    static Peer udp(String ip, int port) {
        return new Peer(Transport.UDP, new InetSocketAddress(ip, port));
    }

    List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void everyKindOfBindingComesBackAfterACrash() {
        JournaledLocationService s = open();
        Binding udp = binding("alice", "sip:alice@192.0.2.1:5060", udp("192.0.2.1", 5060), 600);
        Binding tls = new Binding("bob", null, "<sips:bob@[2001:db8::1]:5061;transport=tls>",
                new Peer(Transport.TLS, new InetSocketAddress("2001:db8::1", 40000)), null, 1, clock.millis() + 60_000,
                Binding.NO_Q, null, "<urn:uuid:00000000-0000-0000-0000-000000000001>", clock.millis(), false);
        Binding fixed = Binding.fixed("carol", "203", "sip:203@192.0.2.9", udp("192.0.2.9", 5060), clock.millis());
        s.put(udp);
        s.put(tls);
        s.put(fixed);
        // no close(): like kill -9, only the journal is there
        JournaledLocationService again = open();
        assertThat(again.all()).containsExactlyInAnyOrder(udp, tls, fixed);
        assertThat(again.lookupExtension("203")).containsExactly(fixed);
    }

    @Test
    void refreshesAndRemovalsReplayInOrder() {
        JournaledLocationService s = open();
        s.put(binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060), 60));
        Binding refreshed = binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5062), 3600);
        s.put(refreshed);
        s.put(binding("alice", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 60));
        s.remove("alice", "SIP:B@192.0.2.2", BindingListener.Cause.UNREGISTERED);
        s.put(binding("dave", "sip:d@192.0.2.4", udp("192.0.2.4", 5060), 60));
        s.removeUser("dave", BindingListener.Cause.RELEASED);
        assertThat(open().all()).containsExactly(refreshed);
    }

    @Test
    void bindingsThatExpiredWhileDownAreDroppedAndCounted() {
        JournaledLocationService s = open();
        s.put(binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060), 60));
        Binding longer = binding("bob", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 3600);
        s.put(longer);
        clock.advance(Duration.ofMinutes(5));
        assertThat(open().all()).containsExactly(longer);
        assertThat(logLines()).anyMatch(l -> l.contains("1 restored") && l.contains("1 expired while down"));
    }

    @Test
    void damagedAndTruncatedLinesAreReportedWithFileAndLineAndTheRestIsKept() throws IOException {
        JournaledLocationService s = open();
        Binding a = binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060), 600);
        Binding b = binding("bob", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 600);
        Binding c = binding("carol", "sip:c@192.0.2.3", udp("192.0.2.3", 5060), 600);
        s.put(a);
        s.put(b);
        s.put(c);
        Path journal = dir.resolve("registrations.journal");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        assertThat(lines).hasSize(3);
        lines.set(1, lines.get(1).replace("sip:b@", "sip:x@")); // a flipped byte: checksum no longer matches
        lines.add(1, "garbage\u0000\r in the middle");
        String text = String.join("\n", lines) + "\n" + BindingLine.add(binding("dan", "sip:d@192.0.2.4",
                udp("192.0.2.4", 5060), 600)).substring(0, 40); // a write cut short by the crash
        Files.writeString(journal, text, StandardCharsets.UTF_8);

        JournaledLocationService again = open();
        assertThat(again.all()).containsExactlyInAnyOrder(a, c);
        assertThat(logLines()).anyMatch(l -> l.startsWith(journal + ":2: no checksum"))
                .anyMatch(l -> l.startsWith(journal + ":3: checksum mismatch"))
                .anyMatch(l -> l.startsWith(journal + ":5: ") && l.contains("no newline"))
                .anyMatch(l -> l.contains("3 damaged lines skipped"));
        assertThat(dir.resolve("registrations.journal.damaged")).exists();
        // compaction at start rewrote the state: the next start is clean
        log.list.clear();
        assertThat(open().all()).containsExactlyInAnyOrder(a, c);
        assertThat(logLines()).noneMatch(l -> l.contains(": checksum"));
    }

    @Test
    void anEndlessGarbageLineCostsAReportNotTheHeap() throws IOException {
        Binding a = binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060), 600);
        byte[] junk = new byte[200_000];
        java.util.Arrays.fill(junk, (byte) 'x');
        Files.write(dir.resolve("registrations.journal"), junk);
        Files.writeString(dir.resolve("registrations.journal"), "\n" + BindingLine.add(a), StandardOpenOption.APPEND);
        assertThat(open().all()).containsExactly(a);
        assertThat(logLines()).anyMatch(l -> l.contains(":1: line longer than"));
    }

    @Test
    void compactionWritesASnapshotAndEmptiesTheJournal() throws IOException {
        JournaledLocationService s = open();
        for (int i = 0; i < 50; i++) {
            s.put(binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060 + i), 600));
        }
        Binding last = binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 7000), 600);
        s.put(last);
        s.compact();
        assertThat(Files.readAllLines(dir.resolve("registrations.snapshot"))).hasSize(2); // header + one binding
        assertThat(dir.resolve("registrations.journal")).doesNotExist();
        assertThat(dir.resolve("registrations.journal.old")).doesNotExist();
        Binding other = binding("bob", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 600);
        s.put(other);
        assertThat(open().all()).containsExactlyInAnyOrder(last, other);
    }

    @Test
    void aCrashInTheMiddleOfACompactionLosesNothing() throws IOException {
        JournaledLocationService s = open();
        Binding a = binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060), 600);
        s.put(a);
        s.compact();
        Binding b = binding("bob", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 600);
        s.put(b);
        s.remove("alice", "sip:a@192.0.2.1", BindingListener.Cause.UNREGISTERED);
        // rotated, snapshot not yet renamed: the journal is now the old journal
        Files.move(dir.resolve("registrations.journal"), dir.resolve("registrations.journal.old"));
        Binding c = binding("carol", "sip:c@192.0.2.3", udp("192.0.2.3", 5060), 600);
        Files.writeString(dir.resolve("registrations.journal"), BindingLine.add(c));
        Files.writeString(dir.resolve("registrations.snapshot.tmp"), "half a snapsh");
        assertThat(open().all()).containsExactlyInAnyOrder(b, c);
    }

    @Test
    void filesArePrivateAndACleanCloseLeavesOnlyTheSnapshot() throws IOException {
        JournaledLocationService s = open();
        s.put(binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 5060), 600));
        s.close();
        s.put(binding("bob", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 600)); // after close: memory only
        assertThat(dir.resolve("registrations.journal")).doesNotExist();
        assertThat(Files.getPosixFilePermissions(dir.resolve("registrations.snapshot")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(open().all()).extracting(Binding::userId).containsExactly("alice");
    }

    @Test
    void housekeepingCompactsOnceTheJournalHasGrown() throws IOException {
        JournaledLocationService s = open();
        Binding last = null;
        for (int i = 0; i <= JournaledLocationService.MIN_COMPACT_LINES; i++) {
            last = binding("alice", "sip:a@192.0.2.1", udp("192.0.2.1", 1024 + i % 60000), 600);
            s.put(last);
        }
        s.maintain();
        assertThat(dir.resolve("registrations.journal")).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("registrations.snapshot"))).hasSize(2);
        s.put(binding("bob", "sip:b@192.0.2.2", udp("192.0.2.2", 5060), 600));
        s.maintain(); // a sync, no compaction
        assertThat(Files.readAllLines(dir.resolve("registrations.journal"))).hasSize(1);
        assertThat(open().all()).extracting(Binding::userId).containsExactlyInAnyOrder("alice", "bob");
        assertThat(open().lookup("alice")).containsExactly(last);
    }
}
