package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void everyFlowIsChallengedAndThenRegisteredAsAPhoneWouldSeeIt() {
        // a flow only counts when the 401 came back and the answer to it got a 200
        Warmup.Result r = Warmup.run(50, 60_000);
        assertThat(r.flows()).isEqualTo(50);
    }

    @Test
    void stopsAtItsCount() {
        assertThat(Warmup.run(0, 60_000).flows()).isZero();
    }
}
