package org.sipwitch.mbeans;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, pollable buffer of server events with sequence numbers.
 *
 * <p>JMX notifications can be lost by a slow listener; this buffer lets anyone catch
 * up: {@link #since(long)} returns what came after the last sequence number seen, and
 * a gap in the numbers says how many were dropped because the buffer was full. The
 * server appends; {@code ServerMXBean.eventsSince} exposes {@link #since}; subscribers
 * (e.g. a {@link DescribedMXBean} turning events into notifications) are called in the
 * appending thread, after the event is stored.
 */
public final class EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final int capacity;
    private final LongSupplier clock;
    private final Deque<Event> events = new ArrayDeque<>();
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private long lastSequence;

    /** A log keeping the last {@code capacity} events, timed by the wall clock. */
    public EventLog(int capacity) {
        this(capacity, System::currentTimeMillis);
    }

    public EventLog(int capacity, LongSupplier clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock);
    }

    /** Stores an event of {@code type} (see {@link SipwitchNotifications}) and tells subscribers. */
    public Event append(String type, String message) {
        Objects.requireNonNull(type, "type");
        Event event;
        synchronized (this) {
            event = new Event(++lastSequence, clock.getAsLong(), type, oneLine(message));
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        for (Consumer<Event> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                // one broken listener must not stop the others, nor the caller's work
                LOG.warn("event subscriber failed on event {}", event.sequence(), e);
            }
        }
        return event;
    }

    /** Events with a sequence number greater than {@code sequence}, oldest first. */
    public synchronized List<Event> since(long sequence) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.sequence() > sequence) {
                out.add(e);
            }
        }
        return out;
    }

    /** The sequence number of the newest event, 0 when there was none yet. */
    public synchronized long lastSequence() {
        return lastSequence;
    }

    public int capacity() {
        return capacity;
    }

    /** Calls {@code subscriber} for every event appended from now on; close the result to stop. */
    public AutoCloseable subscribe(Consumer<Event> subscriber) {
        subscribers.add(Objects.requireNonNull(subscriber));
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Events are streamed as text lines: a newline would forge a second event, so each run
     * of CR, LF and tab becomes one space. A loop, not a regex: a registration avalanche
     * appends an event per new binding, and String.replaceAll compiles its pattern per call.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder b = null; // only once there is something to replace
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (!isBreak(c)) {
                if (b != null) {
                    b.append(c);
                }
            } else if (b == null) {
                b = new StringBuilder(message.length()).append(message, 0, i).append(' ');
            } else if (!isBreak(message.charAt(i - 1))) {
                b.append(' ');
            }
        }
        return b == null ? message : b.toString();
    }

    private static boolean isBreak(char c) {
        return c == '\r' || c == '\n' || c == '\t';
    }
}
