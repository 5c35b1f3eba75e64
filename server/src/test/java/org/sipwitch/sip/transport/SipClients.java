package org.sipwitch.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Plain JDK sockets playing the phone, so the tests use nothing of ours on the client side. */
final class SipClients {
    private SipClients() {
    }

    static String options(String callId, String transport) {
        return "OPTIONS sip:server.example SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 192.0.2.7:5062;branch=z9hG4bK" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@example.net>;tag=7\r\n"
                + "To: <sip:server.example>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n";
    }

    static DatagramSocket udp() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(3000);
        return s;
    }

    static void send(DatagramSocket s, String text, InetSocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }

    static String receive(DatagramSocket s) throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        s.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    static Socket tcp(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.connect(to, 3000);
        s.setSoTimeout(3000);
        return s;
    }

    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** Reads one message head (the tests' responses carry no body). */
    static String readHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + out);
            }
            out.write(b);
            String t = out.toString(StandardCharsets.UTF_8);
            if (t.endsWith("\r\n\r\n")) {
                return t;
            }
        }
    }

    static String readBytes(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (EOF or reset) within the socket timeout. */
    static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
