package org.sipwitch.management;

import org.sipwitch.config.StackConfig;

/** The server's address as the configuration alone knows it (the listeners may know the real port). */
final class ContactAddress {

    private ContactAddress() {
    }

    /** {@code sip:host:port} from {@code <published>} or the first interface. */
    static String fromConfig(StackConfig stack) {
        return "sip:" + hostPort(stack.published().orElse(host(stack)), stack.port());
    }

    static String host(StackConfig stack) {
        if (stack.allInterfaces() || stack.interfaces().isEmpty()) {
            return "0.0.0.0";
        }
        return stack.interfaces().get(0);
    }

    static String hostPort(String host, int port) {
        boolean v6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        return (v6 ? "[" + host + "]" : host) + ":" + port;
    }
}
