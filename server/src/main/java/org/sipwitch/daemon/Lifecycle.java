package org.sipwitch.daemon;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts components in order and stops the started ones in reverse, once. */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final Deque<Component> started = new ArrayDeque<>();

    synchronized void start(List<Component> components) throws Exception {
        for (Component c : components) {
            c.start();
            started.push(c);
        }
    }

    synchronized void stop() {
        while (!started.isEmpty()) {
            Component c = started.pop();
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", c.name(), e.toString());
            }
        }
    }
}
