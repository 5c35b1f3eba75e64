package org.sipwitch.daemon;

/**
 * A part of the daemon with a lifecycle (listeners, management agent, control
 * bridge). Started in order, stopped in reverse order.
 */
public interface Component {
    String name();

    void start() throws Exception;

    /** Must return promptly (the whole daemon stops within 2 s) and never throw. */
    void stop();
}
