package org.sipwitch.management;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.sipwitch.mbeans.TraceEntry;
import org.sipwitch.mbeans.TraceMXBean;

/**
 * SIP message tracing ({@code sipwitch:type=Trace}) and its bounded capture buffer.
 *
 * <p>Transports call {@link #record} for every message sent or received, guarded by
 * {@link #isOn()} so that the cost while tracing is off is one volatile read:
 * <pre>{@code
 * if (trace.isOn()) trace.record(SipTrace.Direction.IN, sender.toString(), "udp", text);
 * }</pre>
 * Credentials are masked ({@link AuthorizationMask}) before anything is stored. The
 * buffer keeps at most {@code maxEntries} messages and {@code maxChars} characters, the
 * oldest going first; a message longer than {@link #MAX_MESSAGE} is cut.
 */
public final class SipTrace implements TraceMXBean {

    public enum Direction { IN, OUT }

    static final int MAX_MESSAGE = 16 * 1024;

    private final int maxEntries;
    private final long maxChars;
    private final LongSupplier clock;
    private final Deque<TraceEntry> entries = new ArrayDeque<>();
    private long chars;
    private volatile boolean on;

    public SipTrace() {
        this(1000, 4L * 1024 * 1024, System::currentTimeMillis);
    }

    SipTrace(int maxEntries, long maxChars, LongSupplier clock) {
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** True while tracing is on: the one check transports make per message. */
    public boolean isOn() {
        return on;
    }

    /**
     * Captures one message if tracing is on.
     *
     * @param peer      remote address and port, e.g. {@code 192.0.2.1:5060}
     * @param transport {@code udp}, {@code tcp} or {@code tls}
     * @param text      the whole message as text
     */
    public void record(Direction direction, String peer, String transport, String text) {
        if (!on) {
            return;
        }
        String body = text == null ? "" : text;
        if (body.length() > MAX_MESSAGE) {
            body = body.substring(0, MAX_MESSAGE) + "\n[... " + (text.length() - MAX_MESSAGE) + " more characters]";
        }
        TraceEntry entry = new TraceEntry(clock.getAsLong(), direction.name().toLowerCase(Locale.ROOT),
                String.valueOf(peer), String.valueOf(transport), AuthorizationMask.mask(body));
        synchronized (this) {
            entries.addLast(entry);
            chars += entry.text().length();
            while (entries.size() > maxEntries || (chars > maxChars && entries.size() > 1)) {
                chars -= entries.removeFirst().text().length();
            }
        }
    }

    @Override
    public boolean trace(String mode) {
        switch (mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT)) {
            case "on" -> on = true;
            case "off" -> on = false;
            case "clear" -> clear();
            default -> throw new IllegalArgumentException("trace mode must be on, off or clear, not '" + mode + "'");
        }
        return on;
    }

    @Override
    public boolean isEnabled() {
        return on;
    }

    @Override
    public void setEnabled(boolean enabled) {
        on = enabled;
    }

    @Override
    public synchronized List<TraceEntry> getMessages() {
        return new ArrayList<>(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    private synchronized void clear() {
        entries.clear();
        chars = 0;
    }
}
