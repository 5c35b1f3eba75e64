package org.sipwitch.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ListIterator;
import javax.sip.header.ContactHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipwitch.config.LiveConfig;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.it.TestConfig;
import org.sipwitch.sip.location.Binding;
import org.sipwitch.sip.location.LocationService;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.sip.server.SipServer;
import org.sipwitch.testing.JainSipPhone;

/**
 * An independent SIP stack registers with the real server (codec, transports,
 * transactions, registrar; bound on 127.0.0.1 port 0) over real sockets: the
 * NIST jain-sip reference implementation answers our challenges with its own
 * digest code. jain-sip-ri 1.3.0-91's AuthenticationHelper only computes MD5 (it
 * labels other algorithms but hashes with MD5): with SHA-256 configured it
 * answers both our challenges and the MD5 one must carry it. A real SHA-256
 * answer is computed by the test itself and sent through jain-sip.
 */
class JainSipRegistrationTest {
    @TempDir
    Path work;
    private SipServer server;
    private LocationService location;
    private JainSipPhone ua;

    private void start(DigestAlgorithm alg) throws Exception {
        Path config = new TestConfig().user("alice", "201", "alice-secret")
                .digest(alg == DigestAlgorithm.MD5 ? "md5" : "sha-256").write(work);
        server = new SipServer(new LiveConfig(config));
        server.start();
        location = server.location();
    }

    private JainSipPhone ua(String password, String transport) throws Exception {
        ua = new JainSipPhone("alice", password, transport, server.transports().port());
        return ua;
    }

    @AfterEach
    void stop() throws Exception {
        if (ua != null) {
            ua.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} with {1} configured")
    @CsvSource({"udp, MD5", "tcp, MD5", "udp, SHA_256", "tcp, SHA_256"})
    void registersRefreshesAndUnregisters(String transport, DigestAlgorithm alg) throws Exception {
        start(alg);
        JainSipPhone phone = ua("alice-secret", transport);

        Response ok = phone.register(3600);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        ContactHeader contact = (ContactHeader) ok.getHeader(ContactHeader.NAME);
        assertThat(contact.getAddress().getURI().toString()).isEqualTo(phone.contactUri());
        assertThat(contact.getExpires()).isBetween(3599, 3600);
        Binding b = location.lookup("alice").get(0);
        assertThat(b.peer().transport()).isEqualTo(Transport.fromToken(transport));
        assertThat(b.peer().address().getAddress().isLoopbackAddress()).isTrue();
        if (transport.equals("udp")) {
            assertThat(b.peer().address().getPort()).isEqualTo(phone.port());
        }

        Response refreshed = phone.register(600);
        assertThat(refreshed.getStatusCode()).isEqualTo(200);
        assertThat(((ContactHeader) refreshed.getHeader(ContactHeader.NAME)).getExpires()).isBetween(599, 600);
        assertThat(location.lookup("alice")).hasSize(1);

        Response gone = phone.register(0);
        assertThat(gone.getStatusCode()).isEqualTo(200);
        assertThat(gone.getHeader(ContactHeader.NAME)).isNull();
        assertThat(location.lookup("alice")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"udp", "tcp"})
    void wrongPasswordIsRefused(String transport) throws Exception {
        start(DigestAlgorithm.MD5);
        Response r = ua("not-the-secret", transport).register(3600);
        assertThat(r.getStatusCode()).isEqualTo(401);
        assertThat(location.count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"udp", "tcp"})
    void sha256AnswerComputedByTheTestIsAccepted(String transport) throws Exception {
        start(DigestAlgorithm.SHA_256);
        JainSipPhone phone = ua("alice-secret", transport);
        Request first = phone.newRegister(3600);
        Response challenge = phone.send(first);
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        ListIterator<?> it = challenge.getHeaders(WWWAuthenticateHeader.NAME);
        WWWAuthenticateHeader sha = (WWWAuthenticateHeader) it.next();
        assertThat(sha.getAlgorithm()).isEqualTo("SHA-256");
        assertThat(((WWWAuthenticateHeader) it.next()).getAlgorithm()).isEqualTo("MD5");

        String uri = first.getRequestURI().toString();
        String ha1 = TestDirectory.hash("SHA-256", "alice:" + sha.getRealm() + ":alice-secret");
        String ha2 = TestDirectory.hash("SHA-256", "REGISTER:" + uri);
        String response = TestDirectory.hash("SHA-256",
                ha1 + ":" + sha.getNonce() + ":00000001:0a4f113b:auth:" + ha2);
        Request answer = phone.retryOf(first, "Authorization", "Digest username=\"alice\", realm=\"" + sha.getRealm()
                + "\", nonce=\"" + sha.getNonce() + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=SHA-256, cnonce=\"0a4f113b\", qop=auth, nc=00000001");
        Response ok = phone.send(answer);
        assertThat(ok.getStatusCode()).isEqualTo(200);
        assertThat(location.lookup("alice")).hasSize(1);
    }

    @Test
    void unauthenticatedRegisterIsChallengedWith401() throws Exception {
        start(DigestAlgorithm.MD5);
        JainSipPhone phone = ua("alice-secret", "udp");
        Response r = phone.send(phone.newRegister(3600));
        assertThat(r.getStatusCode()).isEqualTo(401);
        WWWAuthenticateHeader www = (WWWAuthenticateHeader) r.getHeader(WWWAuthenticateHeader.NAME);
        assertThat(www.getRealm()).isEqualTo("test");
        assertThat(www.getQop()).isEqualTo("auth");
    }
}
