package org.sipwitch.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransactionSettingsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void serverTableHoldsWhatHalfTheHeapHolds() {
        // 2 GiB: a million completed transactions, 32 s of 16,000 REGISTER flows/s
        assertThat(TransactionSettings.serverTransactionsFor(2048 * MIB)).isEqualTo(1_048_576);
        assertThat(TransactionSettings.serverTransactionsFor(512 * MIB)).isEqualTo(262_144);
    }

    @Test
    void clientTableHoldsWhatAQuarterOfTheHeapHolds() {
        // 2 GiB: 524,288 INVITEs lingering 32 s after the answer, 16,000 calls/s
        assertThat(TransactionSettings.clientTransactionsFor(2048 * MIB)).isEqualTo(524_288);
        assertThat(TransactionSettings.clientTransactionsFor(128 * MIB)).isEqualTo(100_000);
    }

    @Test
    void smallHeapsKeepAFloorAndHugeOnesACeiling() {
        assertThat(TransactionSettings.serverTransactionsFor(64 * MIB)).isEqualTo(100_000);
        assertThat(TransactionSettings.serverTransactionsFor(64L * 1024 * MIB)).isEqualTo(4_000_000);
    }

    @Test
    void defaultsFollowThisJvmsHeapAndNonsenseIsRefused() {
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(TransactionSettings.defaults().maxServerTransactions())
                .isEqualTo(TransactionSettings.serverTransactionsFor(heap));
        assertThat(TransactionSettings.defaults().maxClientTransactions())
                .isEqualTo(TransactionSettings.clientTransactionsFor(heap));
        assertThatThrownBy(() -> TransactionSettings.defaults().withLimits(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
