package org.sipwitch.sip.transport;

import java.net.InetSocketAddress;

/**
 * Whether a malformed datagram may be answered with {@code 400}. A UDP source address
 * can be forged, so an unconditional answer makes the server a reflector: the daemon
 * plugs its access gate in here (blocked sources and sources over their rate get
 * silence, counted as a drop). Must be quick and must not throw: it runs on the event loop.
 */
@FunctionalInterface
public interface AnswerFilter {
    AnswerFilter ALWAYS = source -> true;

    boolean mayAnswer(InetSocketAddress source);
}
