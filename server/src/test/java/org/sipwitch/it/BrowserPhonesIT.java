package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Browser phones for real: JsSIP 3.13.8 (test resource browser/) in Debian's headless
 * Chromium, one tab per phone, registering over WS and WSS with the daemon, calling each
 * other through the B2BUA with WebRTC media (DTLS-SRTP, ICE on loopback), messaging a
 * sipp desk phone, hearing {@code sipwitchctl message}, and gone from the registry when
 * their tab closes. Browser, daemon and sipp share a network namespace that has only
 * {@code lo} ({@link LoopbackNamespace}); where one cannot be made, the pages keep their
 * ICE candidates to 127.0.0.1 by themselves (phone.html filters every SDP).
 */
class BrowserPhonesIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path work;
    static LoopbackNamespace namespace;
    static DaemonProcess daemon;
    static ChromeDriver browser;
    static String alice;
    static String bob;
    static String carol;
    static final List<Sipp.Phone> sipps = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Debian's chromium and chromium-driver are not installed"
                + " (apt-get install chromium chromium-driver): no browser to test with");
        Sipp.assumeAvailable();
        StringBuilder why = new StringBuilder();
        namespace = LoopbackNamespace.create(why);
        if (namespace == null) {
            // the fallback named in the class comment: the pages' SDP filter keeps candidates on loopback
            System.err.println("BrowserPhonesIT: no network namespace (" + why + "); ICE kept to 127.0.0.1 by the pages");
        }
        Path p12 = TestCertificates.serverKeystore(work);
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .user("carol", "203", "carol-secret").user("dave", "204", "dave-secret").user("erin", "205", "erin-secret")
                .transports("udp tcp ws wss")
                .stack("<ws><port>0</port></ws><wss><port>0</port></wss>" + TestCertificates.stackXml(p12))
                .write(work);
        daemon = DaemonProcess.start(prefix(), config, work);
        browser = HeadlessChromium.start(namespace, TestCertificates.spkiSha256(p12), work);
        String page = work.resolve("browser").resolve("phone.html").toUri().toString();
        copyPage();
        String ws = "ws://127.0.0.1:" + daemon.port("ws");
        String wss = "wss://127.0.0.1:" + daemon.port("wss");
        alice = open(page, true);
        run(alice, "phone.start(arguments[0], 'alice', 'alice-secret')", ws);
        bob = open(page, false);
        run(bob, "phone.start(arguments[0], 'bob', 'bob-secret')", ws);
        carol = open(page, false);
        run(carol, "phone.start(arguments[0], 'carol', 'carol-secret')", wss);
        for (String tab : List.of(alice, bob, carol)) {
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(value(tab, "phone.state.registered"))
                    || value(tab, "phone.state.registrationFailed") != null);
            assertThat(value(tab, "phone.state.registrationFailed")).as("registration of " + tab).isNull();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Sipp.Phone p : sipps) {
            p.close();
        }
        if (browser != null) {
            browser.quit();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    static List<String> prefix() {
        return namespace == null ? List.of() : namespace.prefix();
    }

    /** The page and JsSIP next to each other in the work directory (a file: page loads its script from there). */
    static void copyPage() throws Exception {
        Path dir = Files.createDirectories(work.resolve("browser"));
        for (String name : List.of("phone.html", "jssip-3.13.8.min.js")) {
            try (var in = BrowserPhonesIT.class.getResourceAsStream("/browser/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    static String open(String page, boolean first) {
        if (!first) {
            browser.switchTo().newWindow(WindowType.TAB);
        }
        browser.get(page);
        return browser.getWindowHandle();
    }

    static Object run(String tab, String script, Object... args) {
        browser.switchTo().window(tab);
        return ((JavascriptExecutor) browser).executeScript(script + ";", args);
    }

    static Object value(String tab, String expression) {
        return run(tab, "return " + expression);
    }

    static long audioBytes(String tab) {
        browser.switchTo().window(tab);
        Object v = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; phone.audioBytesReceived().then(done, () => done(-1));");
        return ((Number) v).longValue();
    }

    static String registry() throws Exception {
        return Tools.sipwitchctl(daemon, "registry").out();
    }

    @Test
    void browsersRegisterOverWsAndWssAndCallEachOtherWithAudio() throws Exception {
        String listed = registry();
        assertThat(listed).containsPattern("alice.*\\bws\\b").containsPattern("bob.*\\bws\\b")
                .containsPattern("carol.*\\bwss\\b");

        run(alice, "phone.call('202')");
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(value(bob, "phone.state.incoming")));
        run(bob, "phone.answer()");
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(value(alice, "phone.state.confirmed")));
        assertThat(Tools.sipwitchctl(daemon, "calls").out()).containsPattern("alice .*202 .*ws>ws ");

        // media flows both ways, browser to browser: inbound audio bytes grow on both pages
        for (String tab : List.of(alice, bob)) {
            long first = audioBytes(tab);
            await().atMost(WAIT).until(() -> audioBytes(tab) > Math.max(first, 0) + 2_000);
        }

        run(alice, "phone.hangup()");
        await().atMost(WAIT).until(() -> value(bob, "phone.state.ended") != null);
        assertThat(value(bob, "phone.state.ended")).isEqualTo("remote Terminated"); // JsSIP's words for a BYE
    }

    @Test
    void messagesGoFromABrowserToADeskPhoneAndFromTheOperatorToABrowser() throws Exception {
        // dave: a sipp desk phone on UDP, registered with the port it bound
        Sipp.Phone dave = Sipp.start(prefix(), daemon, work, "dave-message", "message-from-browser-uas.xml", 30);
        sipps.add(dave);
        Sipp.Result registered = Sipp.register(prefix(), daemon, work, "register.xml", "dave", "dave-secret",
                dave.port());
        assertThat(registered.passed()).as(registered.output()).isTrue();
        run(alice, "phone.message('204', 'hello from a browser')");
        dave.assertPassed();
        await().atMost(WAIT).until(() -> value(alice, "phone.state.messageStatus") != null);
        assertThat(value(alice, "phone.state.messageStatus")).isEqualTo("sent");

        run(alice, "phone.message('203', 'over wss')");
        await().atMost(WAIT).until(() -> value(carol, "phone.state.messages").toString().contains("over wss"));
        assertThat(value(carol, "phone.state.messages").toString()).containsPattern("(alice|201): over wss");

        Tools.Result sent = Tools.sipwitchctl(daemon, "message", "202", "hello from the operator");
        assertThat(sent.status()).as(sent.toString()).isZero();
        await().atMost(WAIT).until(() -> value(bob, "phone.state.messages").toString()
                .contains("hello from the operator"));
    }

    @Test
    void closingATabRemovesItsRegistrationAndACallToItGets480() throws Exception {
        // erin's phone: a throw-away tab, so the other tests keep theirs whatever the order
        String page = work.resolve("browser").resolve("phone.html").toUri().toString();
        String doomed = open(page, false);
        run(doomed, "phone.start(arguments[0], 'erin', 'erin-secret')", "ws://127.0.0.1:" + daemon.port("ws"));
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(value(doomed, "phone.state.registered")));
        assertThat(registry()).containsPattern("erin.*\\bws\\b");

        browser.switchTo().window(doomed);
        browser.close();
        await().atMost(WAIT).until(() -> !registry().contains("erin"));

        run(alice, "phone.call('205')");
        await().atMost(WAIT).until(() -> value(alice, "phone.state.failed") != null);
        assertThat(value(alice, "phone.state.failed")).isEqualTo("Unavailable"); // JsSIP's cause for 480
    }
}
