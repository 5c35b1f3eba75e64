package org.sipwitch.sip.server;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.sipwitch.sip.message.SipMessage;
import org.sipwitch.sip.message.SipRequest;
import org.sipwitch.sip.message.SipResponse;

/**
 * SIP messages received and sent, requests by method and responses by status code:
 * the one count that {@code /metrics} shows. Methods outside the ones this server knows
 * are counted as {@code other} and codes outside 100-699 are not counted, so a peer
 * cannot grow the table (or a metric's label set) by inventing names.
 */
public final class TrafficCounters {

    /** The methods counted by name, in the order they are reported. */
    static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "MESSAGE", "INFO",
        "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "PUBLISH"};
    static final String OTHER = "other";

    /** One direction's counts. */
    private static final class Direction {
        final AtomicLongArray requests = new AtomicLongArray(METHODS.length + 1);
        final AtomicLongArray responses = new AtomicLongArray(700);

        void request(String method) {
            requests.incrementAndGet(index(method));
        }

        void response(int status) {
            if (status >= 100 && status < 700) {
                responses.incrementAndGet(status);
            }
        }

        Map<String, Long> requests() {
            Map<String, Long> out = new LinkedHashMap<>();
            for (int i = 0; i < METHODS.length; i++) {
                out.put(METHODS[i], requests.get(i));
            }
            out.put(OTHER, requests.get(METHODS.length));
            return out;
        }

        Map<Integer, Long> responses() {
            Map<Integer, Long> out = new LinkedHashMap<>();
            for (int code = 100; code < 700; code++) {
                long n = responses.get(code);
                if (n > 0) {
                    out.put(code, n);
                }
            }
            return out;
        }
    }

    private final Direction in = new Direction();
    private final Direction out = new Direction();

    void received(SipMessage message) {
        count(in, message);
    }

    void sent(SipMessage message) {
        count(out, message);
    }

    /** An already encoded message (a retransmission, an ACK sent again): only its first line is read. */
    void sentEncoded(byte[] wire) {
        String start = new String(wire, 0, Math.min(wire.length, 16), StandardCharsets.US_ASCII);
        if (start.startsWith("SIP/2.0 ") && start.length() >= 11) {
            try {
                out.response(Integer.parseInt(start.substring(8, 11)));
            } catch (NumberFormatException e) {
                // not ours to judge: it was encoded by us and goes out as it is
            }
        } else {
            int space = start.indexOf(' ');
            out.request(space > 0 ? start.substring(0, space) : OTHER);
        }
    }

    private static void count(Direction d, SipMessage message) {
        if (message instanceof SipRequest r) {
            d.request(r.method());
        } else if (message instanceof SipResponse r) {
            d.response(r.status());
        }
    }

    private static int index(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length;
    }

    /** Requests received since start, by method (every known method, zeros included, then {@code other}). */
    public Map<String, Long> requestsReceived() {
        return in.requests();
    }

    public Map<String, Long> requestsSent() {
        return out.requests();
    }

    /** Responses received since start, by status code (codes seen only). */
    public Map<Integer, Long> responsesReceived() {
        return in.responses();
    }

    public Map<Integer, Long> responsesSent() {
        return out.responses();
    }
}
