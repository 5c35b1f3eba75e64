package org.sipwitch.control;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.sipwitch.mbeans.ObjectNames;
import org.sipwitch.mbeans.SipwitchNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code events}: streams the Server MBean's events as text lines until the reader goes
 * away (a write fails) or the bridge stops. It polls {@code eventsSince(sequence)}, so a
 * burst is never lost to a slow notification listener; a notification listener only
 * wakes it early, for low latency. Runs on its own thread.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private static final String[] LONG = {"long"};

    private final MBeanServerConnection server;
    private final ReplyChannel channel;
    private final BridgeSettings settings;
    private final BooleanSupplier running;
    private final Semaphore wake = new Semaphore(0);
    private final boolean json;

    /** @param json one JSON object per event (its open-data items) instead of a text line */
    EventStream(MBeanServerConnection server, ReplyChannel channel, BridgeSettings settings,
                BooleanSupplier running, boolean json) {
        this.json = json;
        this.server = server;
        this.channel = channel;
        this.settings = settings;
        this.running = running;
    }

    /** Streams until the client leaves or the bridge stops; IOException means the client left. */
    void run() throws IOException, InterruptedException {
        long last;
        try {
            last = newest(poll(0));
        } catch (InstanceNotFoundException e) {
            channel.status(Reply.UNAVAILABLE, "the daemon does not provide " + ObjectNames.SERVER);
            return;
        } catch (Exception e) {
            channel.status(Reply.FAILED, Failures.reason(e));
            return;
        }
        channel.streaming("events");
        // from here on every event is streamed: the line says so to whoever waits for it
        LOG.info("events stream opened after event {}", last);
        NotificationListener listener = (n, handback) -> wake.release();
        boolean listening = listen(listener);
        try {
            long lastWrite = System.nanoTime();
            while (running.getAsBoolean()) {
                for (CompositeData e : poll(last)) {
                    long seq = OpenData.number(e, "sequence");
                    if (json) {
                        // a gap in "sequence" tells a JSON reader that events were lost
                        channel.out(Json.compact(e));
                    } else {
                        if (seq > last + 1) {
                            channel.out("... " + (seq - last - 1) + " event(s) lost: buffer overflow");
                        }
                        channel.out(OpenData.time(OpenData.number(e, "time")) + " "
                                + SipwitchNotifications.shortType(OpenData.text(e, "type")) + " "
                                + OpenData.text(e, "message"));
                    }
                    last = seq;
                    lastWrite = System.nanoTime();
                }
                if (System.nanoTime() - lastWrite >= settings.keepAlive().toNanos()) {
                    channel.keepAlive();
                    lastWrite = System.nanoTime();
                }
                wake.tryAcquire(settings.eventPoll().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
            channel.status(Reply.UNAVAILABLE, "daemon stopping");
        } catch (IOException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            channel.status(Reply.FAILED, Failures.reason(e));
        } finally {
            if (listening) {
                try {
                    server.removeNotificationListener(ObjectNames.SERVER, listener);
                } catch (Exception ignored) {
                    // the MBean may be gone already
                }
            }
        }
    }

    /** Wake the stream (e.g. when the bridge stops). */
    void wake() {
        wake.release();
    }

    private java.util.List<CompositeData> poll(long after) throws Exception {
        return OpenData.rows(server.invoke(ObjectNames.SERVER, "eventsSince", new Object[] {after}, LONG));
    }

    private static long newest(java.util.List<CompositeData> events) {
        return events.isEmpty() ? 0 : OpenData.number(events.get(events.size() - 1), "sequence");
    }

    private boolean listen(NotificationListener listener) {
        try {
            server.addNotificationListener(ObjectNames.SERVER, listener, null, null);
            return true;
        } catch (Exception e) {
            return false;   // not an emitter: polling alone still works
        }
    }
}
