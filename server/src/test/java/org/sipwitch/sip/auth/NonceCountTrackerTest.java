package org.sipwitch.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonceCountTrackerTest {

    @Test
    void acceptsIncreasingCountsOnly() {
        NonceCountTracker t = new NonceCountTracker(16, 300_000);
        assertThat(t.accept("n", 1000, 1, 1000)).isTrue();
        assertThat(t.accept("n", 1000, 1, 1000)).isFalse();
        assertThat(t.accept("n", 1000, 3, 1000)).isTrue();
        assertThat(t.accept("n", 1000, 2, 1000)).isFalse();
        assertThat(t.accept("m", 1000, 1, 1000)).isTrue();
    }

    @Test
    void staysBoundedUnderAFloodAndNeverForgetsIntoAReplay() {
        NonceCountTracker t = new NonceCountTracker(1000, 300_000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(t.accept("n" + i, 10_000 + i, 1, 10_000 + i)).isTrue();
            assertThat(t.size()).as("the capacity, give or take one per stripe").isLessThanOrEqualTo(1000 + 64);
        }
        // the first nonces were forgotten: using them again is refused (stale), not taken as new
        assertThat(t.accept("n0", 10_000, 1, 200_000)).isFalse();
        assertThat(t.accept("n0", 10_000, 2, 200_000)).isFalse();
        // a recent one still works normally
        assertThat(t.accept("n99999", 10_000 + 99_999, 2, 200_000)).isTrue();
    }

    @Test
    void expiredEntriesAreDroppedFirst() {
        NonceCountTracker t = new NonceCountTracker(16, 1000); // one stripe
        for (int i = 0; i < 16; i++) {
            t.accept("old" + i, 0, 1, 0);
        }
        t.accept("new", 5000, 1, 5000); // the old ones are past their lifetime
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void everyNonceKeepsItsCountWhileTheTableGrows() {
        NonceCountTracker t = new NonceCountTracker(200_000, 300_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(t.accept("nonce-" + i, 1000, 1, 1000)).isTrue();
        }
        assertThat(t.size()).isEqualTo(50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(t.accept("nonce-" + i, 1000, 1, 1000)).as("replay of nonce-%d", i).isFalse();
            assertThat(t.accept("nonce-" + i, 1000, 2, 1000)).isTrue();
        }
        t.clear();
        assertThat(t.accept("nonce-7", 1000, 1, 1000)).as("a cleared table starts over").isTrue();
    }
}
