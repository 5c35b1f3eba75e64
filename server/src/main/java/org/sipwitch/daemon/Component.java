package org.sipwitch.daemon;

/**
 * A part of the daemon with a lifecycle (listeners, management agent, control
 * bridge). Started in order, stopped in reverse order.
 */
public interface Component {
    String name();

    void start() throws Exception;

    /**
     * Must return promptly and never throw: the whole daemon stops within 2 s, plus the
     * {@code <timers><shutdown>} grace the SIP server gives phones to answer the end of
     * their calls.
     */
    void stop();

    /** A start that may fail, as {@link #start()}. */
    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }

    /** A component made of a start and a stop, for a part that does not know the daemon. */
    static Component of(String name, Start start, Runnable stop) {
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }
}
