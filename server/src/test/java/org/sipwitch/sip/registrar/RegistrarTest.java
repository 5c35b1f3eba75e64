package org.sipwitch.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.sip.auth.DigestAuthenticator;
import org.sipwitch.sip.auth.DigestSettings;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.InMemoryLocationService;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.testing.MutableClock;

class RegistrarTest {
    static final String REALM = "example.net";

    MutableClock clock;
    TestDirectory directory;
    DigestAuthenticator auth;
    InMemoryLocationService location;
    Registrar registrar;

    @BeforeEach
    void setUp() {
        setUp(DigestAlgorithm.MD5, RegistrarConfig.defaults());
    }

    void setUp(DigestAlgorithm alg, RegistrarConfig config) {
        clock = new MutableClock(1_700_000_000_000L);
        directory = TestDirectory.standard();
        auth = new DigestAuthenticator(DigestSettings.of(REALM, alg), directory, clock);
        location = new InMemoryLocationService(clock, 20);
        registrar = new Registrar(config, auth, directory, location, clock);
    }

    /** Unauthenticated REGISTER, then the same with credentials: returns the final answer. */
    SipResponse register(TestPhone phone, String toUser, Integer expires, String... contacts) {
        SipResponse challenge = registrar.handle(phone.register(toUser, expires, contacts), phone.peer);
        assertThat(challenge.status()).isEqualTo(401);
        return registrar.handle(phone.answer(phone.register(toUser, expires, contacts), challenge, "MD5"),
                phone.peer);
    }

    @Test
    void challengeThenRegisterListsTheContact() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse challenge = registrar.handle(alice.register("alice", 600), alice.peer);
        assertThat(challenge.status()).isEqualTo(401);
        List<String> www = challenge.headers().getAll(HeaderNames.WWW_AUTHENTICATE);
        assertThat(www).hasSize(1);
        assertThat(www.get(0)).startsWith("Digest realm=\"example.net\"").contains("qop=\"auth\"", "algorithm=MD5")
                .doesNotContain("stale");
        assertThat(challenge.header(HeaderNames.TO)).contains(";tag=");

        SipResponse ok = registrar.handle(alice.answer(alice.register("alice", 600), challenge, "MD5"), alice.peer);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().getAll(HeaderNames.CONTACT)).containsExactly("<sip:alice@192.0.2.10:5062>;expires=600");
        assertThat(ok.header(HeaderNames.DATE)).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        Binding b = location.lookup("alice").get(0);
        assertThat(b.peer()).isEqualTo(alice.peer);
        assertThat(b.extension()).isEqualTo("201");
        assertThat(b.userAgent()).isEqualTo("TestPhone/1.0");
        assertThat(location.lookupExtension("201")).containsExactly(b);
        assertThat(location.lookupAor("sip:alice@example.net")).containsExactly(b);
        assertThat(location.lookupAor("sip:201@10.0.0.1")).containsExactly(b);
    }

    @Test
    void expiredNonceIsAnsweredStaleThenSucceeds() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse challenge = registrar.handle(alice.register("alice", 600), alice.peer);
        clock.advance(DigestSettings.DEFAULT_NONCE_LIFETIME.plusSeconds(1));
        SipResponse stale = registrar.handle(alice.answer(alice.register("alice", 600), challenge, "MD5"), alice.peer);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.header(HeaderNames.WWW_AUTHENTICATE)).contains("stale=true");
        SipResponse ok = registrar.handle(alice.answer(alice.register("alice", 600), stale, "MD5"), alice.peer);
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void replayedNonceCountIsChallengedAndNextCountAccepted() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse challenge = registrar.handle(alice.register("alice", 600), alice.peer);
        SipRequest first = alice.answer(alice.register("alice", 600), challenge, "MD5");
        assertThat(registrar.handle(first, alice.peer).status()).isEqualTo(200);
        // an eavesdropper sends the very same request again
        SipResponse replay = registrar.handle(first, alice.peer);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.header(HeaderNames.WWW_AUTHENTICATE)).contains("stale=true");
        // the phone itself reuses the nonce with nc=2: fine
        SipResponse next = registrar.handle(alice.answer(alice.register("alice", 600), challenge, "MD5"), alice.peer);
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordGetsAFreshChallengeWithoutHint() {
        TestPhone mallory = new TestPhone("alice", "guess", "198.51.100.7", 5060);
        SipResponse challenge = registrar.handle(mallory.register("alice", 600), mallory.peer);
        SipResponse again = registrar.handle(mallory.answer(mallory.register("alice", 600), challenge, "MD5"),
                mallory.peer);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.header(HeaderNames.WWW_AUTHENTICATE)).doesNotContain("stale")
                .isNotEqualTo(challenge.header(HeaderNames.WWW_AUTHENTICATE));
        assertThat(again.reason()).isEqualTo("Unauthorized");
        assertThat(location.count()).isZero();

        // unknown user with some password: indistinguishable from the wrong password
        TestPhone nobody = new TestPhone("nobody", "x", "198.51.100.7", 5061);
        SipResponse c2 = registrar.handle(nobody.register("nobody", 600), nobody.peer);
        assertThat(c2.status()).isEqualTo(401);
        SipResponse r2 = registrar.handle(nobody.answer(nobody.register("nobody", 600), c2, "MD5"), nobody.peer);
        assertThat(r2.status()).isEqualTo(401);
        assertThat(r2.reason()).isEqualTo(again.reason());
    }

    @Test
    void twoDevicesOfOneUserAreBothListed() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        TestPhone mobile = new TestPhone("alice", "alice-secret", "203.0.113.5", 40123);
        assertThat(register(desk, "alice", 3600).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(100));
        SipResponse ok = register(mobile, "alice", 600);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().values(HeaderNames.CONTACT)).containsExactlyInAnyOrder(
                "<sip:alice@192.0.2.10:5062>;expires=3500", "<sip:alice@203.0.113.5:40123>;expires=600");
        assertThat(location.lookup("alice")).hasSize(2);
    }

    @Test
    void wildcardWithExpiresZeroRemovesAll() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        TestPhone mobile = new TestPhone("alice", "alice-secret", "203.0.113.5", 40123);
        register(desk, "alice", 3600);
        register(mobile, "alice", 3600);
        SipResponse ok = register(desk, "alice", 0, "*");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().getAll(HeaderNames.CONTACT)).isEmpty();
        assertThat(location.lookup("alice")).isEmpty();
        assertThat(location.count()).isZero();
    }

    @Test
    void wildcardWithOtherExpiresOrContactsIsBadRequest() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        assertThat(register(desk, "alice", 60, "*").status()).isEqualTo(400);
        assertThat(register(desk, "alice", null, "*").status()).isEqualTo(400);
        assertThat(register(desk, "alice", 0, "*", "<sip:alice@192.0.2.10>").status()).isEqualTo(400);
    }

    @Test
    void tooBriefExpiryIs423WithMinExpires() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse r = register(desk, "alice", 30);
        assertThat(r.status()).isEqualTo(423);
        assertThat(r.header(HeaderNames.MIN_EXPIRES)).isEqualTo("60");
        // the contact parameter overrides the header, both ways
        assertThat(register(desk, "alice", 3600, "<sip:alice@192.0.2.10:5062>;expires=10").status()).isEqualTo(423);
        SipResponse ok = register(desk, "alice", 10, "<sip:alice@192.0.2.10:5062>;expires=120");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header(HeaderNames.CONTACT)).endsWith(";expires=120");
    }

    @Test
    void longExpiryIsShortenedAndMissingExpiryGetsTheDefault() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        assertThat(register(desk, "alice", 999_999).header(HeaderNames.CONTACT)).endsWith(";expires=7200");
        assertThat(register(desk, "alice", null).header(HeaderNames.CONTACT)).endsWith(";expires=3600");
    }

    @Test
    void expiresZeroRemovesOneContact() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        TestPhone mobile = new TestPhone("alice", "alice-secret", "203.0.113.5", 40123);
        register(desk, "alice", 3600);
        register(mobile, "alice", 3600);
        SipResponse ok = register(desk, "alice", 0);
        assertThat(ok.headers().getAll(HeaderNames.CONTACT)).containsExactly("<sip:alice@203.0.113.5:40123>;expires=3600");
    }

    @Test
    void sweepRemovesExpiredBindings() {
        TestPhone desk = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        register(desk, "alice", 60);
        clock.advance(Duration.ofSeconds(59));
        assertThat(location.sweep(clock.millis())).isEmpty();
        assertThat(location.lookup("alice")).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(location.lookup("alice")).isEmpty(); // hidden even before the sweep
        List<Binding> removed = location.sweep(clock.millis());
        assertThat(removed).extracting(Binding::contact).containsExactly("sip:alice@192.0.2.10:5062");
        assertThat(location.count()).isZero();
        assertThat(location.lookupExtension("201")).isEmpty();
    }

    @Test
    void unknownUserIs403AfterAuthenticationByDefault() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        TestPhone nobodyNoCreds = new TestPhone("nobody", "x", "192.0.2.11", 5060);
        assertThat(registrar.handle(nobodyNoCreds.register("nobody", 600), nobodyNoCreds.peer).status())
                .isEqualTo(401); // nothing revealed before a password works
        assertThat(register(alice, "nobody", 600).status()).isEqualTo(403);
    }

    @Test
    void unknownUserIs404WhenConfigured() {
        setUp(DigestAlgorithm.MD5, RegistrarConfig.defaults().withUnknownUserStatus(404));
        TestPhone nobody = new TestPhone("nobody", "x", "192.0.2.11", 5060);
        assertThat(registrar.handle(nobody.register("nobody", 600), nobody.peer).status()).isEqualTo(404);
    }

    @Test
    void aUserCannotRegisterAnotherUsersAor() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse r = register(alice, "bob", 600);
        assertThat(r.status()).isEqualTo(403);
        assertThat(location.lookup("bob")).isEmpty();
    }

    @Test
    void extensionAndAliasNameTheSameUser() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        assertThat(register(alice, "201", 600).status()).isEqualTo(200);
        assertThat(register(alice, "al", 600).status()).isEqualTo(200);
        assertThat(location.lookup("alice")).hasSize(1);
    }

    @Test
    void tooManyDevicesIs503WithRetryAfter() {
        setUp(DigestAlgorithm.MD5, RegistrarConfig.defaults().withMaxBindingsPerUser(2));
        register(new TestPhone("alice", "alice-secret", "192.0.2.10", 5062), "alice", 600);
        clock.advance(Duration.ofSeconds(100));
        register(new TestPhone("alice", "alice-secret", "192.0.2.11", 5062), "alice", 3600);
        SipResponse r = register(new TestPhone("alice", "alice-secret", "192.0.2.12", 5062), "alice", 3600);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header(HeaderNames.RETRY_AFTER)).isEqualTo("500");
        assertThat(location.lookup("alice")).hasSize(2);
    }

    @Test
    void sameInstanceReplacesItsOldContact() {
        setUp(DigestAlgorithm.MD5, RegistrarConfig.defaults().withMaxBindingsPerUser(1));
        TestPhone phone = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        String inst = ";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"";
        register(phone, "alice", 600, "<sip:alice@192.0.2.10:5062>" + inst);
        SipResponse r = register(phone, "alice", 600, "<sip:alice@192.0.2.10:6000>" + inst);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().getAll(HeaderNames.CONTACT)).containsExactly("<sip:alice@192.0.2.10:6000>;expires=600");
    }

    @Test
    void olderCSeqOfTheSameCallIdIsRefused() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        alice.cseq = 10;
        assertThat(register(alice, "alice", 600).status()).isEqualTo(200); // CSeq 11 bound
        alice.cseq = 5; // challenge gets 5, the answer 6: older than 11
        assertThat(register(alice, "alice", 0).status()).isEqualTo(500);
        assertThat(location.lookup("alice")).hasSize(1);
    }

    @Test
    void queryWithoutContactListsBindings() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        register(alice, "alice", 600);
        SipRequest query = alice.register("alice", null);
        query.headers().remove(HeaderNames.CONTACT);
        SipResponse c = registrar.handle(query, alice.peer);
        SipRequest q2 = alice.register("alice", null);
        q2.headers().remove(HeaderNames.CONTACT);
        SipResponse ok = registrar.handle(alice.answer(q2, c, "MD5"), alice.peer);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().getAll(HeaderNames.CONTACT)).hasSize(1);
    }

    @Test
    void sha256IsOfferedFirstWithMd5ForOlderPhones() {
        setUp(DigestAlgorithm.SHA_256, RegistrarConfig.defaults());
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse challenge = registrar.handle(alice.register("alice", 600), alice.peer);
        List<String> www = challenge.headers().getAll(HeaderNames.WWW_AUTHENTICATE);
        assertThat(www).hasSize(2);
        assertThat(www.get(0)).contains("algorithm=SHA-256");
        assertThat(www.get(1)).contains("algorithm=MD5");
        assertThat(registrar.handle(alice.answer(alice.register("alice", 600), challenge, "SHA-256"), alice.peer)
                .status()).isEqualTo(200);
        TestPhone old = new TestPhone("alice", "alice-secret", "192.0.2.20", 5062);
        SipResponse c2 = registrar.handle(old.register("alice", 600), old.peer);
        assertThat(registrar.handle(old.answer(old.register("alice", 600), c2, "MD5"), old.peer).status())
                .isEqualTo(200);
    }

    @Test
    void changingTheRealmInvalidatesOutstandingNonces() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse challenge = registrar.handle(alice.register("alice", 600), alice.peer);
        auth.setRealm("other.example", DigestAlgorithm.MD5);
        SipRequest old = alice.register("alice", 600);
        alice.authorize(old, REALM, TestPhone.param(challenge.header(HeaderNames.WWW_AUTHENTICATE), "nonce"), "MD5",
                "00000001", "alice-secret");
        SipResponse r = registrar.handle(old, alice.peer);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header(HeaderNames.WWW_AUTHENTICATE)).contains("realm=\"other.example\"");
        // a credential with the new realm but the old nonce fails the nonce MAC
        SipRequest forged = alice.register("alice", 600);
        alice.authorize(forged, "other.example", TestPhone.param(challenge.header(HeaderNames.WWW_AUTHENTICATE),
                "nonce"), "MD5", "00000001", "alice-secret");
        assertThat(registrar.handle(forged, alice.peer).status()).isEqualTo(401);
        assertThat(registrar.handle(alice.answer(alice.register("alice", 600), r, "MD5"), alice.peer).status())
                .isEqualTo(200);
    }

    @Test
    void nonceFromAnotherAddressIsRefused() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        TestPhone elsewhere = new TestPhone("alice", "alice-secret", "192.0.2.99", 5062);
        SipResponse challenge = registrar.handle(alice.register("alice", 600), alice.peer);
        SipResponse r = registrar.handle(elsewhere.answer(elsewhere.register("alice", 600), challenge, "MD5"),
                elsewhere.peer);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void nothingSecretInToStringsOrResponses() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipResponse ok = register(alice, "alice", 600);
        String ha1 = directory.ha1("alice", REALM, DigestAlgorithm.MD5).orElseThrow();
        StringBuilder everything = new StringBuilder()
                .append(auth).append(registrar).append(location.all()).append(ok.headers().all())
                .append(registrar.config());
        assertThat(everything.toString()).doesNotContain(ha1).doesNotContain("alice-secret");
    }

    @Test
    void nonRegisterIs405AndGarbageIs400() {
        TestPhone alice = new TestPhone("alice", "alice-secret", "192.0.2.10", 5062);
        SipRequest r = alice.register("alice", 600);
        r.setHeader(HeaderNames.CSEQ, "x REGISTER");
        assertThat(registrar.handle(r, alice.peer).status()).isEqualTo(400);
        SipRequest bad = alice.register("alice", 600);
        bad.setHeader(HeaderNames.TO, "<sip:alice@");
        assertThat(registrar.handle(bad, alice.peer).status()).isEqualTo(400);
        assertThat(register(alice, "alice", 600, "<sip:alice@192.0.2.10>;q=7").status()).isEqualTo(400);
        assertThat(register(alice, "alice", 600, "garbage<").status()).isEqualTo(400);
    }
}
