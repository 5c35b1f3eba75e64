package org.sipwitch.sip.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.HeaderNames;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipUri;
import org.sipwitch.testing.MutableClock;

/** Only a node holding the shared secret makes a proof another node accepts, for that request only. */
class NodeProofTest {
    static final byte[] SECRET = "the-cluster-secret-123".getBytes(StandardCharsets.UTF_8);
    final MutableClock clock = new MutableClock(1_800_000_000_000L);
    final NodeProof a = new NodeProof("node-a", SECRET, clock);
    final NodeProof b = new NodeProof("node-b", SECRET, clock);

    static SipRequest invite(String uri, String callId) throws Exception {
        SipRequest r = new SipRequest("INVITE", SipUri.parse(uri));
        r.addHeader(HeaderNames.CALL_ID, callId);
        return r;
    }

    @Test
    void anotherNodeWithTheSecretAcceptsIt() throws Exception {
        SipRequest r = invite("sip:bob@127.0.0.1:5070;transport=tcp", "c1@x");
        a.sign(r);
        assertThat(r.header(NodeProof.HEADER)).startsWith("node-a;ts=");
        assertThat(b.signer(r)).isEqualTo("node-a");
    }

    @Test
    void unsignedForgedTamperedStaleOrOwnAreRefused() throws Exception {
        assertThat(b.signer(invite("sip:bob@h", "c"))).isNull();

        SipRequest forged = invite("sip:bob@h", "c");
        new NodeProof("node-a", "a-guessed-secret-xyz".getBytes(StandardCharsets.UTF_8), clock).sign(forged);
        assertThat(b.signer(forged)).isNull();

        SipRequest moved = invite("sip:bob@h", "c");
        a.sign(moved);
        SipRequest elsewhere = invite("sip:alice@h", "c"); // the proof copied onto another request
        elsewhere.addHeader(NodeProof.HEADER, moved.header(NodeProof.HEADER));
        assertThat(b.signer(elsewhere)).isNull();

        SipRequest old = invite("sip:bob@h", "c");
        a.sign(old);
        clock.advance(java.time.Duration.ofMillis(NodeProof.WINDOW_MILLIS + 1));
        assertThat(b.signer(old)).isNull();

        SipRequest mine = invite("sip:bob@h", "c");
        b.sign(mine);
        assertThat(b.signer(mine)).as("a node never takes its own proof: a loop").isNull();

        SipRequest junk = invite("sip:bob@h", "c");
        junk.addHeader(NodeProof.HEADER, "node-a;ts=notanumber;sig=00");
        assertThat(b.signer(junk)).isNull();
    }
}
