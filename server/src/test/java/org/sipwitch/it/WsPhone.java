package org.sipwitch.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;

/**
 * A {@link StreamPhone} on SIP over WebSocket (RFC 7118): one SIP message per masked
 * text frame each way, after an upgrade offering the {@code sip} subprotocol. Its Contact
 * names an {@code .invalid} host, as a browser's does: the server can only reach it over
 * this connection.
 */
final class WsPhone extends StreamPhone {
    private WsPhone(String user, String password, Socket socket, String transport) throws IOException {
        super(user, password, socket, transport);
        contact("<sip:" + user + "@" + Long.toHexString(socket.getLocalPort()) + "x.invalid;transport=ws>");
    }

    /** Connects and upgrades; fails unless the server answers 101 with the sip subprotocol. */
    static WsPhone open(String user, String password, int port) throws IOException {
        return open(user, password, new Socket("127.0.0.1", port), "WS");
    }

    /** Upgrades a connected socket (a TLS one for WSS). */
    static WsPhone open(String user, String password, Socket socket, String transport) throws IOException {
        socket.setSoTimeout(10_000);
        WsFrames.HttpAnswer answer = WsFrames.upgrade(socket, "Sec-WebSocket-Protocol: sip");
        if (answer.status() != 101 || !"sip".equals(answer.headers().get("sec-websocket-protocol"))) {
            socket.close();
            throw new IOException("upgrade refused: " + answer);
        }
        return new WsPhone(user, password, socket, transport);
    }

    @Override
    void send(String message) throws IOException {
        WsFrames.sendText(out, message);
    }

    @Override
    Msg read() throws IOException {
        WsFrames.Frame f = WsFrames.readData(in);
        if (f.opcode() == WsFrames.CLOSE) {
            throw new IOException("closed by the server with " + f.closeCode());
        }
        return readFrom(new ByteArrayInputStream(f.payload()));
    }
}
