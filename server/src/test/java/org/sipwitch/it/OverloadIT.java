package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload control seen from outside: a daemon configured to shed early
 * ({@code <queue-limit>1</queue-limit>}, {@code <queue-delay>1</queue-delay>}) gets a
 * pipelined flood of new REGISTERs over TCP while a call is up. New requests get
 * {@code 503} with the configured {@code Retry-After}; an in-dialog INFO sent in the
 * middle of the flood (its neighbours in the same stream refused with 503, so the
 * server was shedding when it decided on the INFO) still reaches the callee, and the
 * callee's response comes back through the server to the caller; the BYE still ends
 * the call. Nothing here measures time: the flood is repeated until the server shows
 * it is shedding around the INFO, bounded in rounds.
 */
class OverloadIT {
    private static final int RETRY_AFTER = 7;
    private static final int ROUNDS = 20;
    private static final int FLOOD = 300;

    @TempDir
    static Path work;
    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        Path config = new TestConfig().user("alice", "201", "alice-secret").user("bob", "202", "bob-secret")
                .section("  <security><rate-limit>0</rate-limit><block-time>0</block-time>"
                        + "<queue-limit>1</queue-limit><queue-delay>1</queue-delay>"
                        + "<retry-after>" + RETRY_AFTER + "</retry-after></security>\n")
                .write(work);
        daemon = DaemonProcess.start(config, work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static StreamPhone phone(String user, String secret) throws IOException {
        InetSocketAddress tcp = daemon.address("tcp");
        return new StreamPhone(user, secret, new Socket(tcp.getAddress(), tcp.getPort()), "TCP");
    }

    @Test
    void aFloodGets503WithRetryAfterWhileInDialogRequestsAndResponsesPass() throws Exception {
        try (StreamPhone alice = phone("alice", "alice-secret"); StreamPhone bob = phone("bob", "bob-secret")) {
            // even an idle server may have a timer queued: at a limit of 1 a request can be shed any time
            await().atMost(Duration.ofSeconds(20)).until(() -> alice.register(600) == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> bob.register(600) == 200);
            StreamPhone.Msg ok = establishCall(alice, bob);
            alice.inDialog("ACK", ok, 1);
            assertThat(bob.readUntil(m -> m.isRequest("ACK")).startLine()).startsWith("ACK ");

            BlockingQueue<StreamPhone.Msg> toAlice = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        toAlice.add(alice.read());
                    }
                } catch (IOException closed) {
                    // the test closed the phone
                }
            }, "alice-reader");
            reader.setDaemon(true);
            reader.start();

            int cseq = 2;
            int shed = 0;
            boolean sheddingAroundInfo = false;
            for (int round = 0; round < ROUNDS && !sheddingAroundInfo; round++) {
                // the flood and the INFO go down one connection, so the server decides on
                // them in this order: the INFO between two floods of new work
                StringBuilder stream = new StringBuilder();
                for (int i = 0; i < FLOOD; i++) {
                    stream.append(floodRegister(alice, round, i));
                }
                alice.send(stream.toString());
                alice.inDialog("INFO", ok, cseq);
                stream.setLength(0);
                for (int i = FLOOD; i < 2 * FLOOD; i++) {
                    stream.append(floodRegister(alice, round, i));
                }
                alice.send(stream.toString());

                // the INFO reached bob through the overloaded server; his answer is a response
                // coming in while the server still works through the flood
                StreamPhone.Msg info = bob.readUntil(m -> m.isRequest("INFO"));
                assertThat(info.header("CSeq")).endsWith("INFO");
                bob.send(info.response(200, "OK", null, "", ""));

                Map<String, StreamPhone.Msg> finals = new HashMap<>();
                StreamPhone.Msg infoAnswer = null;
                while (finals.size() < 2 * FLOOD || infoAnswer == null) {
                    StreamPhone.Msg m = toAlice.poll(10, TimeUnit.SECONDS);
                    assertThat(m).as("round %d: %d of %d flood answers, INFO answered: %s", round, finals.size(),
                            2 * FLOOD, infoAnswer != null).isNotNull();
                    if (m.status() < 200) {
                        continue;
                    }
                    if (m.header("Call-ID").equals(ok.header("Call-ID"))) {
                        infoAnswer = m;
                    } else {
                        finals.put(m.header("Call-ID"), m);
                    }
                }
                assertThat(infoAnswer.status()).as("the in-dialog INFO, relayed from bob").isEqualTo(200);
                assertThat(infoAnswer.header("CSeq")).isEqualTo(cseq + " INFO");
                for (StreamPhone.Msg m : finals.values()) {
                    assertThat(m.status()).as(m.startLine()).isIn(401, 503);
                    if (m.status() == 503) {
                        assertThat(m.header("Retry-After")).isEqualTo(Integer.toString(RETRY_AFTER));
                        shed++;
                    }
                }
                sheddingAroundInfo = finals.get(callId(round, FLOOD - 1)).status() == 503
                        && finals.get(callId(round, FLOOD)).status() == 503;
                cseq++;
            }
            assertThat(shed).as("new REGISTERs refused with 503").isPositive();
            assertThat(sheddingAroundInfo).as("in %d rounds, once the REGISTERs just before and after the INFO got 503",
                    ROUNDS).isTrue();

            alice.inDialog("BYE", ok, cseq);
            StreamPhone.Msg bye = bob.readUntil(m -> m.isRequest("BYE"));
            bob.send(bye.response(200, "OK", null, "", ""));
            StreamPhone.Msg byeAnswer = toAlice.poll(10, TimeUnit.SECONDS);
            while (byeAnswer != null && !byeAnswer.header("CSeq").endsWith("BYE")) {
                byeAnswer = toAlice.poll(10, TimeUnit.SECONDS);
            }
            assertThat(byeAnswer).isNotNull();
            assertThat(byeAnswer.status()).isEqualTo(200);
            assertThat(Tools.sipwitchctl(daemon, "policy").out()).contains("queue-limit 1 queue-delay 1ms retry-after 7s");
        }
        assertThat(String.join("\n", daemon.stderr())).contains("overloaded:");
        assertThat(daemon.isAlive()).isTrue();
    }

    /** alice calls bob; an INVITE shed on an idle-but-strict server is simply tried again. */
    private static StreamPhone.Msg establishCall(StreamPhone alice, StreamPhone bob) throws IOException {
        List<Integer> refused = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            String callId = "overload-call-" + attempt;
            alice.invite("202", callId);
            StreamPhone.Msg first = alice.readUntil(m -> m.status() >= 100);
            if (first.status() == 503) {
                refused.add(503);
                continue;
            }
            StreamPhone.Msg invite = bob.readUntil(m -> m.isRequest("INVITE"));
            String answer = "v=0\r\no=bob 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 4002 RTP/AVP 0\r\n";
            bob.send(invite.response(200, "OK", "bobtag", "Contact: " + bob.contact()
                    + "\r\nContent-Type: application/sdp\r\n", answer));
            StreamPhone.Msg ok = first.status() >= 200 ? first : alice.readUntil(m -> m.status() >= 200);
            assertThat(ok.status()).isEqualTo(200);
            return ok;
        }
        throw new AssertionError("every INVITE was refused: " + refused);
    }

    private static String callId(int round, int i) {
        return "flood-" + round + "-" + i;
    }

    /** A REGISTER without credentials: new work, answered 401 by a server with room, 503 by a shedding one. */
    private static String floodRegister(StreamPhone alice, int round, int i) {
        StringBuilder b = new StringBuilder("REGISTER sip:" + alice.server() + " SIP/2.0\r\n");
        b.append("Via: SIP/2.0/TCP ").append(alice.local()).append(";branch=z9hG4bKflood").append(round).append('x')
                .append(i).append("\r\nMax-Forwards: 70\r\nFrom: <sip:201@").append(alice.server())
                .append(">;tag=f").append(i).append("\r\nTo: <sip:201@").append(alice.server())
                .append(">\r\nCall-ID: ").append(callId(round, i)).append("\r\nCSeq: 1 REGISTER\r\nContact: ")
                .append(alice.contact()).append("\r\nExpires: 600\r\n");
        return StreamPhone.finish(b, "");
    }
}
