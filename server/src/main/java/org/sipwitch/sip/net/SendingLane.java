package org.sipwitch.sip.net;

/**
 * The number of the call lane the current thread runs. The transport sends all of one
 * lane's datagrams by one socket, so that they leave in the order the lane sent them,
 * and lane {@code i} takes socket {@code i mod n}, so that the lanes spread evenly. It is
 * kept here because the lanes (sip.transaction) sit above the transport.
 */
public final class SendingLane {
    private static final ThreadLocal<Integer> NUMBER = new ThreadLocal<>();

    private SendingLane() {
    }

    /** Called once by a lane's thread before it runs any task. */
    public static void enter(int number) {
        if (number < 0) {
            throw new IllegalArgumentException("lane numbers start at 0, not " + number);
        }
        NUMBER.set(number);
    }

    /** This thread's lane number, or -1 on a thread that runs no lane. */
    public static int current() {
        Integer n = NUMBER.get();
        return n == null ? -1 : n;
    }
}
