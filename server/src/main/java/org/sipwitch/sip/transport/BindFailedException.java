package org.sipwitch.sip.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.sipwitch.sip.net.Transport;

/** A listener could not be bound; the message names transport, address and port for the operator. */
public final class BindFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient InetSocketAddress address;

    public BindFailedException(Transport transport, InetSocketAddress address, Throwable cause) {
        super("Cannot bind " + transport + " " + hostPort(address) + ": " + reason(cause), cause);
        this.address = address;
    }

    public InetSocketAddress address() {
        return address;
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static String reason(Throwable cause) {
        return cause == null ? "unknown error" : cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
