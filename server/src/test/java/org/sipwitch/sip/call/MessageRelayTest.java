package org.sipwitch.sip.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sipwitch.sip.call.CallFixture.ALICE;
import static org.sipwitch.sip.call.CallFixture.BOB1;
import static org.sipwitch.sip.call.CallFixture.BOB2;
import static org.sipwitch.sip.call.CallFixture.STRANGER;
import static org.sipwitch.sip.call.CallFixture.body;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipwitch.sip.message.SipRequest;

/** Out-of-dialog MESSAGE (RFC 3428) relayed to every binding, and the server's own messages. */
class MessageRelayTest {
    CallFixture f;

    @BeforeEach
    void setUp() {
        f = new CallFixture();
        f.register("alice", "201", ALICE);
        f.register("bob", "202", BOB1);
        f.register("bob", "202", BOB2);
    }

    SipRequest message(String to, String text) {
        SipRequest m = f.request("MESSAGE", ALICE, "alice", to, "m-" + text.hashCode(), 1);
        m.headers().remove("Contact");
        m.setBody(text.getBytes(), "text/plain");
        return m;
    }

    @Test
    void deliveredToEveryBindingAndFirst2xxAnswers() throws Exception {
        f.receive(ALICE, message("sip:202@example.net", "hello bob"));
        SipRequest m1 = f.request(BOB1, "MESSAGE");
        SipRequest m2 = f.request(BOB2, "MESSAGE");
        assertThat(body(m1)).isEqualTo("hello bob");
        assertThat(m1.header("Content-Type")).isEqualTo("text/plain");
        assertThat(m1.from().uri().user()).isEqualTo("201");
        assertThat(m1.callId()).isNotEqualTo(m2.callId());
        f.receive(BOB2, f.answer(m2, 200, "x", null));
        f.response(ALICE, 200, "MESSAGE");
        f.receive(BOB1, f.answer(m1, 202, "y", null));
        assertThat(f.responses(ALICE, r -> r.isFinal())).hasSize(1);
    }

    @Test
    void allFailedIs480() {
        f.receive(ALICE, message("sip:bob@example.net", "x"));
        f.receive(BOB1, f.answer(f.request(BOB1, "MESSAGE"), 415, "x", null));
        f.receive(BOB2, f.answer(f.request(BOB2, "MESSAGE"), 404, "y", null));
        f.response(ALICE, 480, "MESSAGE");
    }

    @Test
    void unregisteredUnknownAndUnauthenticated() {
        f.receive(ALICE, message("sip:carol@example.net", "a"));
        f.response(ALICE, 480, "MESSAGE");
        f.receive(ALICE, message("sip:nobody@example.net", "b"));
        f.response(ALICE, 404, "MESSAGE");
        SipRequest m = f.request("MESSAGE", STRANGER, "alice", "sip:bob@example.net", "m-s", 1);
        f.receive(STRANGER, m);
        f.response(STRANGER, 407, "MESSAGE");
    }

    @Test
    void systemMessageGoesToEveryContact() throws Exception {
        assertThat(f.engine.sendMessage("202", "server going down")).isEqualTo(2);
        SipRequest m = f.request(BOB1, "MESSAGE");
        assertThat(m.from().uri().user()).isEqualTo("system");
        assertThat(body(m)).isEqualTo("server going down");
        assertThat(f.requests(BOB2, "MESSAGE")).hasSize(1);
        assertThatThrownBy(() -> f.engine.sendMessage("carol", "x")).hasMessageContaining("not registered");
        assertThatThrownBy(() -> f.engine.sendMessage("nobody", "x")).hasMessageContaining("no such user");
    }
}
