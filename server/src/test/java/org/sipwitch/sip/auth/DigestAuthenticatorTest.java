package org.sipwitch.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sipwitch.digest.DigestAlgorithm;
import org.sipwitch.digest.DigestComputer;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;
import org.sipwitch.testing.MutableClock;

/** How the B2BUA uses the authenticator for INVITE/MESSAGE: 407 and Proxy-Authorization. */
class DigestAuthenticatorTest {
    final MutableClock clock = new MutableClock(5_000_000L);
    final CredentialSource creds = (user, realm, alg) -> user.equals("alice")
            ? Optional.of(alg.ha1("alice", realm, "pw".toCharArray())) : Optional.empty();
    final DigestAuthenticator auth = new DigestAuthenticator(DigestSettings.of("r", DigestAlgorithm.MD5), creds, clock);
    final Peer peer = new Peer(Transport.UDP, new InetSocketAddress("192.0.2.1", 5060));

    SipRequest invite() throws Exception {
        SipRequest r = new SipRequest("INVITE", SipUri.parse("sip:bob@r"));
        r.addHeader(HeaderNames.VIA, "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1");
        r.addHeader(HeaderNames.FROM, "<sip:alice@r>;tag=1");
        r.addHeader(HeaderNames.TO, "<sip:bob@r>");
        r.addHeader(HeaderNames.CALL_ID, "c1");
        r.addHeader(HeaderNames.CSEQ, "1 INVITE");
        return r;
    }

    @Test
    void inviteIsChallengedWith407AndAnsweredInProxyAuthorization() throws Exception {
        SipRequest invite = invite();
        AuthResult none = auth.authenticate(invite, peer);
        assertThat(none.status()).isEqualTo(AuthResult.Status.MISSING);
        SipResponse challenge = auth.challenge(invite, none, peer);
        assertThat(challenge.status()).isEqualTo(407);
        String pa = challenge.header(HeaderNames.PROXY_AUTHENTICATE);
        assertThat(pa).contains("realm=\"r\"");
        assertThat(challenge.header(HeaderNames.WWW_AUTHENTICATE)).isNull();

        String nonce = pa.substring(pa.indexOf("nonce=\"") + 7, pa.indexOf('"', pa.indexOf("nonce=\"") + 7));
        String ha1 = DigestAlgorithm.MD5.ha1("alice", "r", "pw".toCharArray());
        byte[] resp = DigestComputer.forThread().response(DigestAlgorithm.MD5, ha1, "INVITE", "sip:bob@r", nonce,
                "00000001", "abc", "auth");
        String response = new String(resp, 0, 32, java.nio.charset.StandardCharsets.US_ASCII);
        SipRequest again = invite();
        again.addHeader(HeaderNames.PROXY_AUTHORIZATION, "Digest username=\"alice\", realm=\"r\", nonce=\"" + nonce
                + "\", uri=\"sip:bob@r\", response=\"" + response + "\", cnonce=\"abc\", qop=auth, nc=00000001");
        // a credential for another hop's realm is ignored, not counted as a failure
        again.addHeader(HeaderNames.PROXY_AUTHORIZATION, "Digest username=\"x\", realm=\"elsewhere\", nonce=\"n\", "
                + "uri=\"sip:bob@r\", response=\"00\"");
        AuthResult ok = auth.authenticate(again, peer);
        assertThat(ok.isAuthenticated()).isTrue();
        assertThat(ok.username()).isEqualTo("alice");
        assertThat(ok.algorithm()).isEqualTo(DigestAlgorithm.MD5);
        assertThat(auth.authenticate(again, peer).status()).isEqualTo(AuthResult.Status.STALE); // replay
    }

    @Test
    void garbageCredentialsFailWithoutException() throws Exception {
        for (String junk : new String[] {"Digest", "Digest nonce=\"\"", "Basic abc", "Digest username=\"alice\", "
                + "realm=\"r\", nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", uri=\"x\", response=\"0\", qop=auth, "
                + "nc=zz, cnonce=\"c\"", "Digest realm=\"r\", username=\"alice\", nonce=\"%%%%\", uri=u, response=r"}) {
            SipRequest r = invite();
            r.addHeader(HeaderNames.PROXY_AUTHORIZATION, junk);
            assertThat(auth.authenticate(r, peer).isAuthenticated()).isFalse();
        }
    }

    /** Proxy-Authorization for alice, its digest computed over {@code uri} as a client would. */
    SipRequest answered(String uri) throws Exception {
        SipRequest invite = invite();
        String pa = auth.challenge(invite, auth.authenticate(invite, peer), peer).header(HeaderNames.PROXY_AUTHENTICATE);
        String nonce = pa.substring(pa.indexOf("nonce=\"") + 7, pa.indexOf('"', pa.indexOf("nonce=\"") + 7));
        String ha1 = DigestAlgorithm.MD5.ha1("alice", "r", "pw".toCharArray());
        byte[] resp = DigestComputer.forThread().response(DigestAlgorithm.MD5, ha1, "INVITE", uri, nonce,
                "00000001", "abc", "auth");
        SipRequest again = invite();
        again.addHeader(HeaderNames.PROXY_AUTHORIZATION, "Digest username=\"alice\", realm=\"r\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + new String(resp, 0, 32, java.nio.charset.StandardCharsets.US_ASCII)
                + "\", cnonce=\"abc\", qop=auth, nc=00000001");
        return again;
    }

    @Test
    void theServersOwnAddressAsDigestUriIsTheSameResource() throws Exception {
        // SIPp answers a 407 with uri="sip:<server host>:<port>", not the Request-URI
        assertThat(auth.authenticate(answered("sip:r"), peer).isAuthenticated()).isTrue();
        assertThat(auth.authenticate(answered("sip:R"), peer).isAuthenticated()).isTrue();
    }

    @Test
    void aDigestUriForAnotherResourceIsWrong() throws Exception {
        for (String other : new String[] {"sip:elsewhere.example.net", "sip:carol@r", "sip:r:5070", "sips:r", "x"}) {
            assertThat(auth.authenticate(answered(other), peer).status()).as(other).isEqualTo(AuthResult.Status.WRONG_URI);
        }
    }
}
