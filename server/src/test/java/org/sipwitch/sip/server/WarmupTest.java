package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sipwitch.digest.DigestAlgorithm;

/** The warm-up's throwaway server over real loopback sockets: phones register and call as they would. */
class WarmupTest {

    @Test
    void registersAndCallsThroughAThrowawayServerAndLeavesNothingBehind() throws IOException {
        List<Path> before = warmupDirectories();
        Warmup.Result r = Warmup.run(DigestAlgorithm.SHA_256, Duration.ofSeconds(2), () -> false);
        assertThat(r.registers()).isGreaterThan(WarmupPhone.BURST);
        assertThat(r.calls()).isPositive();
        assertThat(r.failed()).as("flows lost (a 1 s timeout each)").isLessThan(r.registers() / 20 + 1);
        assertThat(r.millis()).isLessThan(Duration.ofSeconds(2).plusSeconds(5).toMillis());
        assertThat(warmupDirectories()).isEqualTo(before);
    }

    @Test
    void aStopOfTheDaemonEndsItEarly() {
        Warmup.Result r = Warmup.run(DigestAlgorithm.MD5, Duration.ofSeconds(60), () -> true);
        assertThat(r.millis()).isLessThan(30_000);
        assertThat(r.settled()).isFalse();
    }

    @Test
    void aZeroBudgetIsNoWarmUp() {
        assertThat(Warmup.run(DigestAlgorithm.MD5, Duration.ZERO, () -> false)).isSameAs(Warmup.Result.NONE);
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
