package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.net.Transport;

/** The warm-up's throwaway server over real loopback sockets: phones register and call as they would. */
class WarmupTest {
    private static final Set<Transport> UDP = EnumSet.of(Transport.UDP);

    @Test
    void registersAndCallsThroughAThrowawayServerAndLeavesNothingBehind() throws IOException {
        List<Path> before = warmupDirectories();
        Warmup.Result r = Warmup.run(DigestAlgorithm.SHA_256, UDP, Duration.ofSeconds(2), () -> false);
        assertThat(r.registers()).isGreaterThan(WarmupPhone.BURST);
        assertThat(r.calls()).isPositive();
        assertThat(r.failed()).as("flows lost (a 1 s timeout each)").isLessThan(r.registers() / 20 + 1);
        assertThat(r.millis()).isLessThan(Duration.ofSeconds(2).plusSeconds(5).toMillis());
        assertThat(warmupDirectories()).isEqualTo(before);
    }

    /**
     * Over TCP and TLS the phones' flows travel on connections (TLS with the throwaway
     * certificate the phones trust), and the callee is reached over its own connection.
     */
    @Test
    void phonesOverTcpAndTlsRegisterAndCallToo() throws IOException {
        List<Path> before = warmupDirectories();
        Warmup.Result r = Warmup.run(DigestAlgorithm.MD5, EnumSet.of(Transport.TCP, Transport.TLS),
                Duration.ofSeconds(3), () -> false);
        assertThat(r.flowsByTransport()).containsOnlyKeys(Transport.TCP, Transport.TLS);
        assertThat(r.flowsByTransport().get(Transport.TCP)).isGreaterThan(WarmupPhone.BURST);
        assertThat(r.flowsByTransport().get(Transport.TLS)).isGreaterThan(WarmupPhone.BURST);
        assertThat(r.calls()).isPositive();
        assertThat(r.failed()).as("flows lost (a 1 s timeout each)").isLessThan(r.registers() / 20 + 1);
        assertThat(r.toString()).contains("tcp ", "tls ");
        assertThat(warmupDirectories()).as("the keystore and its directory are gone").isEqualTo(before);
    }

    /**
     * Early servers are replaced while the JIT profiles, each plugged as the daemon plugs its
     * own; the last one lives to the end of the budget.
     */
    @Test
    void freshServersReplaceTheFirstOnesEachPluggedAsTheDaemonPlugsItsOwn() {
        List<SipServer> plugged = new ArrayList<>();
        long budgetMillis = (Warmup.SHORT_GENERATIONS + 1) * Warmup.SHORT_GENERATION_MILLIS + 1_000;
        Warmup.Result r = Warmup.run(DigestAlgorithm.MD5, UDP, Duration.ofMillis(budgetMillis), () -> false,
                plugged::add);
        assertThat(r.servers()).isEqualTo(Warmup.SHORT_GENERATIONS + 1);
        assertThat(plugged).hasSize(Warmup.SHORT_GENERATIONS + 1).doesNotHaveDuplicates();
        assertThat(r.toString()).contains("through " + r.servers() + " servers");
        assertThat(r.registers()).isGreaterThan(WarmupPhone.BURST * r.servers());
    }

    @Test
    void aPhoneRegistersManyUsersSoTheRegistryGrowsAsAnAvalanchesDoes() {
        assertThat(WarmupPhone.users(0)).hasSize(WarmupPhone.USERS_PER_PHONE + 1).doesNotHaveDuplicates()
                .startsWith(WarmupPhone.callee(0), WarmupPhone.caller(0));
        assertThat(WarmupPhone.users(1)).doesNotContainAnyElementsOf(WarmupPhone.users(0));
    }

    @Test
    void aStopOfTheDaemonEndsItEarly() {
        Warmup.Result r = Warmup.run(DigestAlgorithm.MD5, UDP, Duration.ofSeconds(60), () -> true);
        assertThat(r.millis()).isLessThan(30_000);
        assertThat(r.settled()).isFalse();
    }

    @Test
    void aZeroBudgetIsNoWarmUp() {
        assertThat(Warmup.run(DigestAlgorithm.MD5, UDP, Duration.ZERO, () -> false)).isSameAs(Warmup.Result.NONE);
    }

    @Test
    void theBudgetComesFromSipwitchWarmupInWholeSeconds() {
        assertThat(Warmup.budget(null)).isEqualTo(Duration.ofSeconds(Warmup.DEFAULT_BUDGET_SECONDS));
        assertThat(Warmup.budget(" 3 ")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Warmup.budget("0")).isEqualTo(Duration.ZERO);
        assertThat(Warmup.budget("-4")).isEqualTo(Duration.ZERO);
        assertThat(Warmup.budget("ten")).isEqualTo(Duration.ofSeconds(Warmup.DEFAULT_BUDGET_SECONDS));
    }

    private static List<Path> warmupDirectories() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("sipwitch-warmup-")).sorted().toList();
        }
    }
}
