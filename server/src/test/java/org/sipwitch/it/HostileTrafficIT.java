package org.sipwitch.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.sipwitch.sip.codec.MalformedMessagesTest;

/**
 * The codec's whole collection of malformed and hostile messages (garbage, truncated
 * and huge headers, bad Content-Length, bad start lines, NUL bytes, ...) thrown at the
 * real daemon over UDP and TCP: it stays up and still answers the real sipp.
 */
class HostileTrafficIT {
    @TempDir
    static Path work;
    static DaemonProcess daemon;

    @BeforeAll
    static void start() throws Exception {
        Sipp.assumeAvailable();
        daemon = DaemonProcess.start(new TestConfig().user("alice", "201", "alice-secret").write(work), work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void hostileMessagesOverUdpAndTcpLeaveTheDaemonServing() throws Exception {
        List<byte[]> messages = MalformedMessagesTest.cases().map(Arguments::get).map(a -> (byte[]) a[1]).toList();
        assertThat(messages).hasSizeGreaterThanOrEqualTo(50);
        InetSocketAddress udp = daemon.address("udp");
        InetSocketAddress tcp = daemon.address("tcp");
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (byte[] m : messages) {
                if (m.length <= 65_507) {
                    s.send(new DatagramPacket(m, m.length, udp));
                }
            }
        }
        for (byte[] m : messages) {
            try (Socket s = new Socket(tcp.getAddress(), tcp.getPort())) {
                s.setSoTimeout(3000);
                s.getOutputStream().write(m);
                s.shutdownOutput();
                drain(s.getInputStream()); // a 400, or the server closing on us
            } catch (IOException resetByServer) {
                // closing mid-write is an allowed answer to garbage
            }
        }
        assertThat(daemon.isAlive()).isTrue();
        Path options = Sipp.scenario("options.xml");
        for (List<String> transport : List.<List<String>>of(List.of(), List.of("-t", "t1"))) {
            List<String> args = new java.util.ArrayList<>(List.of("127.0.0.1:" + udp.getPort(), "-sf",
                    options.toString(), "-i", "127.0.0.1", "-p", "0", "-m", "5", "-r", "10"));
            args.addAll(transport);
            Sipp.Result r = Sipp.run(work, args, 20);
            assertThat(r.passed()).as(r.output()).isTrue();
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // read until the server closes or goes quiet
            }
        } catch (SocketTimeoutException quiet) {
            // no more to say: fine
        }
    }
}
