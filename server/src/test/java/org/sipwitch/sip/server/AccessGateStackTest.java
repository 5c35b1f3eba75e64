package org.sipwitch.sip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipwitch.config.LiveConfig;

/** The access gate in front of the real stack, seen from a UDP peer on 127.0.0.1. */
class AccessGateStackTest {
    @TempDir
    Path work;
    private SipServer server;

    private SipServer start(String access, String security) throws Exception {
        Path config = work.resolve("sipwitch.xml");
        Files.writeString(config, "<sipwitch>\n"
                + "<stack><interface>127.0.0.1</interface><port>0</port><transport>udp tcp</transport></stack>\n"
                + "<registry><realm>test</realm></registry>\n"
                + "<provision><user id=\"alice\"><secret>alice-secret</secret></user></provision>\n"
                + access + security + "</sipwitch>\n");
        server = new SipServer(new LiveConfig(config));
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sourceOutsideRestrictedNetworksIsRefused403() throws Exception {
        start("<access><restricted>192.0.2.0/24</restricted></access>", "");
        try (UdpProbe phone = new UdpProbe(server.transports().port())) {
            String r = phone.exchange(phone.options());
            assertThat(UdpProbe.status(r)).isEqualTo(403);
        }
    }

    @Test
    void guessingOneUserLocksItThereAndTryingSeveralUsersBlocksTheSource() throws Exception {
        start("", "<security><auth-failures>3</auth-failures><auth-window>60</auth-window>"
                + "<block-time>600</block-time><block-action>drop</block-action></security>");
        try (UdpProbe guesser = new UdpProbe(server.transports().port())) {
            assertThat(UdpProbe.status(guesser.exchange(guesser.options()))).isEqualTo(200);
            int cseq = 1;
            for (int i = 1; i <= 3; i++) {
                assertThat(wrongPassword(guesser, "alice", cseq, i)).isEqualTo(401);
                cseq += 2;
            }
            // alice is refused from here now: a final 403 the phone shows, whatever the password
            assertThat(wrongPassword(guesser, "alice", cseq, 4)).isEqualTo(403);
            cseq += 2;
            assertThat(server.gate().authGuard().locked()).singleElement()
                    .satisfies(l -> assertThat(l.userId()).isEqualTo("alice"));
            // the source itself is still served, and another user is still challenged
            assertThat(UdpProbe.status(guesser.exchange(guesser.register("bob", "reg-bob", 1, null))))
                    .isEqualTo(401);
            // wrong passwords for two more names: a scanner, and the whole source is dropped
            assertThat(wrongPassword(guesser, "bob", cseq, 5)).isEqualTo(401);
            cseq += 2;
            assertThat(wrongPassword(guesser, "carol", cseq, 6)).isEqualTo(401);
            guesser.send(guesser.options());
            assertThat(guesser.receive(1500)).isNull();
            assertThat(server.gate().authGuard().blocked()).hasSize(1);
            assertThat(server.gate().policyLines()).anyMatch(l -> l.contains("127.0.0.1"));

            // the operator lifts both and it is served again
            assertThat(server.gate().authGuard().unblock(org.sipwitch.ip.Cidr.parse("127.0.0.0/8"))).isEqualTo(2);
            assertThat(UdpProbe.status(guesser.exchange(guesser.options()))).isEqualTo(200);
            assertThat(server.gate().authGuard().isLocked(java.net.InetAddress.getLoopbackAddress(), "alice"))
                    .isFalse();
        }
    }

    /** A REGISTER challenged, then answered with a wrong response; the status of that answer. */
    private int wrongPassword(UdpProbe guesser, String user, int cseq, int n) throws Exception {
        String callId = "guess-" + n + "@x";
        String challenge = guesser.exchange(guesser.register(user, callId, cseq, null));
        assertThat(UdpProbe.status(challenge)).isEqualTo(401);
        String nonce = param(UdpProbe.header(challenge, "WWW-Authenticate"), "nonce");
        String wrong = "Digest username=\"" + user + "\", realm=\"test\", nonce=\"" + nonce
                + "\", uri=\"sip:127.0.0.1:" + server.transports().port() + "\", response=\""
                + "00000000000000000000000000000000\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c" + n + "\"";
        return UdpProbe.status(guesser.exchange(guesser.register(user, callId, cseq + 1, wrong)));
    }

    private static String param(String header, String name) {
        int at = header.indexOf(name + "=\"");
        int start = at + name.length() + 2;
        return header.substring(start, header.indexOf('"', start));
    }
}
