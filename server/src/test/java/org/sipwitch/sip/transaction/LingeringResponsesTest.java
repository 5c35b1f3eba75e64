package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.ManualTimers;

class LingeringResponsesTest {
    private static final Peer PHONE = new Peer(Transport.UDP, new InetSocketAddress("192.0.2.7", 5060));
    private final ManualTimers clock = new ManualTimers();

    private static TransactionKey key(String branch, String method) {
        return new TransactionKey(branch + "|192.0.2.7:5060", method);
    }

    private static byte[] wire(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aKeptResponseIsFoundByItsWholeKeyUntilItsDeadline() {
        LingeringResponses kept = new LingeringResponses(clock, 32_000, 4 << 20);
        kept.keep(key("z9hG4bK-1", "REGISTER"), null, wire("SIP/2.0 200 OK\r\n\r\n"), PHONE);

        LingeringResponses.Kept found = kept.find(key("z9hG4bK-1", "REGISTER"), null);
        assertThat(found).isNotNull();
        assertThat(new String(found.wire(), StandardCharsets.UTF_8)).isEqualTo("SIP/2.0 200 OK\r\n\r\n");
        assertThat(found.to()).isEqualTo(PHONE);
        assertThat(kept.find(key("z9hG4bK-1", "OPTIONS"), null)).as("another method").isNull();
        assertThat(kept.find(key("z9hG4bK-2", "REGISTER"), null)).as("another branch").isNull();
        assertThat(kept.find(key("z9hG4bK-1", "REGISTER"), "tag")).as("a To tag the key did not have").isNull();

        clock.advance(31_999);
        assertThat(kept.find(key("z9hG4bK-1", "REGISTER"), null)).isNotNull();
        assertThat(kept.size()).isEqualTo(1);
        clock.advance(1);
        assertThat(kept.find(key("z9hG4bK-1", "REGISTER"), null)).isNull();
        assertThat(kept.size()).isZero();
        assertThat(kept.cutShort()).as("it expired, it was not cut short").isZero();
    }

    @Test
    void rfc2543KeysAreToldApartByTheRequestsToTag() {
        LingeringResponses kept = new LingeringResponses(clock, 32_000, 4 << 20);
        TransactionKey legacy = new TransactionKey("2543|sip:bob@example.com|ft|call|1|UDP 192.0.2.7:5060;null", "BYE");
        kept.keep(legacy, "to-1", wire("first"), PHONE);
        kept.keep(legacy, null, wire("second"), PHONE);

        assertThat(kept.find(legacy, "to-1").wire()).asString(StandardCharsets.UTF_8).isEqualTo("first");
        assertThat(kept.find(legacy, null).wire()).asString(StandardCharsets.UTF_8).isEqualTo("second");
        assertThat(kept.find(legacy, "to-2")).isNull();
    }

    @Test
    void keysOutsideLatin1AndEveryKindOfDestinationComeBackIntact() {
        LingeringResponses kept = new LingeringResponses(clock, 32_000, 4 << 20);
        Peer v6 = new Peer(Transport.UDP, new InetSocketAddress("2001:db8::7", 5062));
        Peer named = new Peer(Transport.UDP, InetSocketAddress.createUnresolved("phone.example.com", 5070));
        TransactionKey wide = new TransactionKey("z9hG4bK-\u2603|[2001:db8::7]:5062", "MESSAGE");
        kept.keep(wide, null, wire("snow"), v6);
        kept.keep(key("z9hG4bK-n", "OPTIONS"), null, wire("named"), named);

        assertThat(kept.find(wide, null).to()).isEqualTo(v6);
        assertThat(kept.find(wide, null).wire()).asString(StandardCharsets.UTF_8).isEqualTo("snow");
        assertThat(kept.find(new TransactionKey("z9hG4bK-\u2604|[2001:db8::7]:5062", "MESSAGE"), null)).isNull();
        assertThat(kept.find(key("z9hG4bK-n", "OPTIONS"), null).to()).isEqualTo(named);
    }

    /**
     * A budget far too small for what comes: the ring goes round many times, and what it
     * still holds is always the newest entries, each with its own bytes.
     */
    @Test
    void aFullRingForgetsTheOldestFirstAndNeverMixesEntriesUp() {
        LingeringResponses kept = new LingeringResponses(clock, 32_000, 16 * LingeringStripe.CHUNK * 2L);
        Random random = new Random(7);
        ArrayDeque<Integer> order = new ArrayDeque<>();
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            kept.keep(key("z9hG4bK-" + i, "REGISTER"), null, wire(body(i, random.nextInt(1400))), PHONE);
            order.addLast(i);
        }
        assertThat(kept.cutShort()).as("the budget (8 MiB) cannot hold 40,000 responses of ~700 bytes").isPositive();
        int present = 0;
        boolean gone = false;
        for (int i = n - 1; i >= 0; i--) {
            LingeringResponses.Kept found = kept.find(key("z9hG4bK-" + i, "REGISTER"), null);
            if (found == null) {
                gone = true;
                continue;
            }
            present++;
            assertThat(new String(found.wire(), StandardCharsets.UTF_8)).startsWith("response " + i + " ");
        }
        assertThat(gone).isTrue();
        assertThat(present).isEqualTo(kept.size()).isGreaterThan(1_000);
        assertThat(present + kept.cutShort()).as("each entry is either still there or counted").isEqualTo(n);
        assertThat(kept.find(key("z9hG4bK-" + (n - 1), "REGISTER"), null)).as("the newest").isNotNull();
    }

    /** Entries come and go by time while others are looked up: the index never loses a live one. */
    @Test
    void entriesExpiringWhileOthersArriveStayFindable() {
        LingeringResponses kept = new LingeringResponses(clock, 1_000, 64L << 20);
        for (int i = 0; i < 20_000; i++) {
            kept.keep(key("z9hG4bK-" + i, "BYE"), null, wire(body(i, 50)), PHONE);
            clock.advance(1);
            if (i >= 999) {
                assertThat(kept.find(key("z9hG4bK-" + (i - 998), "BYE"), null)).as("entry %d", i - 998).isNotNull();
                assertThat(kept.find(key("z9hG4bK-" + (i - 999), "BYE"), null)).isNull();
            }
        }
        assertThat(kept.size()).isEqualTo(999);
        assertThat(kept.cutShort()).isZero();
    }

    private static String body(int i, int padding) {
        return "response " + i + " " + "x".repeat(padding);
    }
}
