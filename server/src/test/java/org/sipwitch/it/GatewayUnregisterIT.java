package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon takes its binding back from the provider (Kamailio on 127.0.0.1) when it
 * stops, and when a reload removes the gateway or makes it another registration:
 * otherwise the provider sends our number's calls to a contact that no longer takes them
 * until the lifetime it granted runs out. A reload that leaves the registration as it
 * was keeps it going without a new REGISTER.
 */
class GatewayUnregisterIT {
    static final String OTHER_USER = "15557650009"; // a second account at the provider (its PSTN password)

    @Test
    void aStoppingDaemonRemovesItsBindingAtTheProvider(@TempDir Path work) throws Exception {
        KamailioProvider.assumeAvailable();
        try (KamailioProvider itsp = KamailioProvider.start(work)) {
            Path config = config(gateway(itsp, KamailioProvider.TRUNK_USER, KamailioProvider.TRUNK_SECRET, ""))
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

    /** What a test does with a daemon registered as our trunk with {@code itsp}. */
    interface Registered {
        void run(KamailioProvider itsp, DaemonProcess daemon) throws Exception;
    }

    static void registered(Path work, Registered test) throws Exception {
        KamailioProvider.assumeAvailable();
        try (KamailioProvider itsp = KamailioProvider.start(work)) {
            Path config = config(gateway(itsp, KamailioProvider.TRUNK_USER, KamailioProvider.TRUNK_SECRET, ""))
                    .write(work);
            try (DaemonProcess daemon = DaemonProcess.start(config, work)) {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> registrations(itsp, KamailioProvider.TRUNK_USER).size() >= 1);
                test.run(itsp, daemon);
            }
        }
    }

    @Test
    void aReloadThatRemovesTheGatewayTakesItsBindingBack(@TempDir Path work) throws Exception {
        registered(work, (itsp, daemon) -> {
            config("").write(work);
            reload(daemon);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registrations(itsp, KamailioProvider.TRUNK_USER).size() >= 2);
            assertThat(registrations(itsp, KamailioProvider.TRUNK_USER)).containsExactly("expires 300", "expires 0");
            assertThat(daemon.terminate(Duration.ofSeconds(10))).isZero();
            assertThat(registrations(itsp, KamailioProvider.TRUNK_USER)).hasSize(2); // nothing left at the stop
        });
    }

    @Test
    void aReloadThatGivesTheGatewayAnotherAccountTakesTheOldBindingBack(@TempDir Path work) throws Exception {
        registered(work, (itsp, daemon) -> {
            config(gateway(itsp, OTHER_USER, KamailioProvider.PSTN_SECRET, "")).write(work); // same id, other account
            reload(daemon);
            await().atMost(Duration.ofSeconds(10)).until(() -> registrations(itsp, KamailioProvider.TRUNK_USER).size() >= 2
                    && registrations(itsp, OTHER_USER).size() >= 1);
            assertThat(registrations(itsp, KamailioProvider.TRUNK_USER)).containsExactly("expires 300", "expires 0");
            assertThat(registrations(itsp, OTHER_USER)).containsExactly("expires 300");
            await().atMost(Duration.ofSeconds(10)).until(() -> gatewayRow(daemon).contains(OTHER_USER + "@"));
        });
    }

    @Test
    void aReloadThatLeavesTheRegistrationAsItWasSendsNoRegister(@TempDir Path work) throws Exception {
        registered(work, (itsp, daemon) -> {
            // how calls out are presented changes, the registration does not
            config(gateway(itsp, KamailioProvider.TRUNK_USER, KamailioProvider.TRUNK_SECRET,
                    "<caller-id>15551239999</caller-id>")).write(work);
            reload(daemon);
            // a new REGISTER would go out at once: none for 1.5 s, beyond the first one and its challenge
            await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                    .until(() -> itsp.count("ITSP-IN REGISTER") == 2);
            assertThat(registrations(itsp, KamailioProvider.TRUNK_USER)).containsExactly("expires 300");
            assertThat(gatewayRow(daemon)).contains(" registered");
        });
    }

    @Test
    void aReloadThatChangesOnlyTheLifetimeRegistersAgainWithoutRemovingTheBinding(@TempDir Path work)
            throws Exception {
        registered(work, (itsp, daemon) -> {
            // the same binding: the new REGISTER replaces it, and an Expires 0 racing that REGISTER could remove it
            config(gateway(itsp, KamailioProvider.TRUNK_USER, KamailioProvider.TRUNK_SECRET, "")
                    .replace("<register>300<", "<register>120<")).write(work);
            reload(daemon);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registrations(itsp, KamailioProvider.TRUNK_USER).size() >= 2);
            // an Expires 0 would come within a second
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() ->
                    registrations(itsp, KamailioProvider.TRUNK_USER).equals(List.of("expires 300", "expires 120")));
            await().atMost(Duration.ofSeconds(5)).until(() -> gatewayRow(daemon).contains(" registered"));
        });
    }

    @Test
    void aReloadDuringTheFirstRegisterTakesBackTheBindingItsAnswerMade(@TempDir Path work) throws Exception {
        try (HeldRegistrar provider = new HeldRegistrar()) {
            try (DaemonProcess daemon = DaemonProcess.start(config(held(provider)).write(work), work)) {
                HeldRegistrar.Received first = provider.next(HeldRegistrar.register(300), Duration.ofSeconds(15));
                config("").write(work);
                reload(daemon); // the gateway is gone while its REGISTER is unanswered
                provider.ok(first, 300); // ... and that REGISTER made a binding after all
                HeldRegistrar.Received back = provider.next(HeldRegistrar.register(0), Duration.ofSeconds(5));
                assertThat(back.header("Contact")).isEqualTo(first.header("Contact"));
                assertThat(back.header("Call-ID")).isEqualTo(first.header("Call-ID"));
                provider.ok(back, 0);
                assertThat(daemon.terminate(Duration.ofSeconds(10))).isZero();
            }
        }
    }

    @Test
    void aStopRightAfterAReloadWaitsForTheUnregistrationTheReloadStarted(@TempDir Path work) throws Exception {
        try (HeldRegistrar provider = new HeldRegistrar()) {
            try (DaemonProcess daemon = DaemonProcess.start(config(held(provider)).write(work), work)) {
                provider.ok(provider.next(HeldRegistrar.register(300), Duration.ofSeconds(15)), 300);
                await().atMost(Duration.ofSeconds(5)).until(() -> gatewayRow(daemon).contains(" registered"));
                config("").write(work);
                reload(daemon);
                HeldRegistrar.Received back = provider.next(HeldRegistrar.register(0), Duration.ofSeconds(5));
                daemon.signal("TERM"); // at once, the Expires 0 still unanswered
                // the stopping daemon still retransmits it (Timer E, 500 ms) and is there to take the answer
                HeldRegistrar.Received again = provider.next(HeldRegistrar.register(0), Duration.ofSeconds(3));
                assertThat(again.header("CSeq")).isEqualTo(back.header("CSeq"));
                assertThat(daemon.isAlive()).isTrue();
                provider.ok(again, 0);
                assertThat(daemon.waitFor(Duration.ofSeconds(10))).isZero();
                assertThat(daemon.stdout()).noneMatch(l -> l.contains("without every provider's answer"));
                assertThat(daemon.stderr()).noneMatch(l -> l.contains("without every provider's answer"));
            }
        }
    }

    /** Our trunk at {@code provider}, which asks for no credentials. */
    static String held(HeldRegistrar provider) {
        return "<gateway id=\"itsp\"><proxy>127.0.0.1:" + provider.port() + "</proxy><domain>held.example</domain>"
                + "<user>15550001111</user><secret>unused</secret><register>300</register></gateway>";
    }

    static TestConfig config(String gateways) {
        return new TestConfig().user("alice", "201", "alice-secret").provision(gateways);
    }

    static String gateway(KamailioProvider itsp, String user, String secret, String extra) {
        return "<gateway id=\"itsp\"><proxy>127.0.0.1:" + itsp.port() + "</proxy><domain>" + KamailioProvider.DOMAIN
                + "</domain><user>" + user + "</user><secret>" + secret + "</secret><register>300</register>" + extra
                + "</gateway>";
    }

    static void reload(DaemonProcess daemon) throws Exception {
        Tools.Result r = Tools.sipwitchctl(daemon, "reload");
        assertThat(r.status()).as("reload: " + r).isZero();
    }

    static String gatewayRow(DaemonProcess daemon) throws Exception {
        return Tools.sipwitchctl(daemon, "registry").out().lines().filter(l -> l.contains("gateway:itsp"))
                .findFirst().orElse("");
    }

    /** What the provider saved for {@code user}, in order: {@code expires 300} for a binding, {@code expires 0} when removed. */
    static List<String> registrations(KamailioProvider itsp, String user) throws Exception {
        return itsp.log().lines().filter(l -> l.contains("ITSP-REGISTERED " + user + " contact"))
                .map(l -> l.substring(l.lastIndexOf("expires "))).toList();
    }
}
