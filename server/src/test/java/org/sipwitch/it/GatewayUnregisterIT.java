package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopping daemon takes its binding back from the provider (Kamailio on 127.0.0.1):
 * otherwise the provider sends our number's calls to a dead contact until the lifetime
 * it granted runs out.
 */
class GatewayUnregisterIT {

    @Test
    void aStoppingDaemonRemovesItsBindingAtTheProvider(@TempDir Path work) throws Exception {
        KamailioProvider.assumeAvailable();
        try (KamailioProvider itsp = KamailioProvider.start(work)) {
            Path config = new TestConfig().user("alice", "201", "alice-secret")
                    .provision("<gateway id=\"itsp\"><proxy>127.0.0.1:" + itsp.port() + "</proxy><domain>"
                            + KamailioProvider.DOMAIN + "</domain><user>" + KamailioProvider.TRUNK_USER
                            + "</user><secret>" + KamailioProvider.TRUNK_SECRET + "</secret><register>300</register>"
                            + "</gateway>")
                    .write(work);
            String registered = "ITSP-REGISTERED " + KamailioProvider.TRUNK_USER + " contact";
            try (DaemonProcess daemon = DaemonProcess.start(config, work)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> itsp.count(registered) >= 1);
                assertThat(itsp.count("expires 0")).isZero();
                assertThat(daemon.terminate(Duration.ofSeconds(10))).isZero();
            }
            // the provider logs after it saved the binding: a challenge answered, Expires 0, the same contact
            assertThat(itsp.log().lines().filter(l -> l.contains(registered)))
                    .hasSize(2).last().asString().endsWith("expires 0");
            assertThat(itsp.count("ITSP-CHALLENGE REGISTER " + KamailioProvider.TRUNK_USER)).isEqualTo(2);
        }
    }
}
