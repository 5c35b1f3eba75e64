package org.sipwitch.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control FIFO: reads sipwitchctl's request lines from {@code <runDir>/control} and
 * performs each verb of the {@link VerbTable} through the MBeanServer, by ObjectName
 * only, writing the reply into the requester's own reply FIFO. Protocol:
 * docs/control-protocol.md.
 *
 * <pre>{@code
 * FifoBridge bridge = new FifoBridge(runDir, ManagementFactory.getPlatformMBeanServer(),
 *         VerbTable.standard()).start();     // creates <runDir>/control (mode 0660)
 * ...
 * bridge.close();                            // stops, ends event streams, removes the FIFO
 * }</pre>
 *
 * <p>One daemon thread reads requests; verbs run on a small worker pool and
 * {@code events} streams on their own threads, so a slow or dead client never blocks
 * the next request. Reply paths are checked by {@link ReplyPolicy}; refused ones are
 * logged and never written. Nothing a client writes can stop the reader thread.
 */
public final class FifoBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FifoBridge.class);

    private final Path runDir;
    private final Path control;
    private final MBeanServerConnection server;
    private final VerbTable verbs;
    private final BridgeSettings settings;
    private final ReplyPolicy policy;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private FileChannel input;
    private Thread reader;
    private ExecutorService workers;
    private ExecutorService streams;
    private ScheduledThreadPoolExecutor watchdog;

    public FifoBridge(Path runDir, MBeanServerConnection server, VerbTable verbs) {
        this(runDir, server, verbs, BridgeSettings.defaults());
    }

    public FifoBridge(Path runDir, MBeanServerConnection server, VerbTable verbs, BridgeSettings settings) {
        this.runDir = runDir.toAbsolutePath();
        this.control = this.runDir.resolve("control");
        this.server = server;
        this.verbs = verbs;
        this.settings = settings;
        this.policy = new ReplyPolicy(settings.replyRoots());
    }

    /** Creates the control FIFO (replacing a stale one) and starts the reader thread. */
    public synchronized FifoBridge start() throws IOException {
        if (running) {
            return this;
        }
        Files.createDirectories(runDir);
        Fifos.create(control, "0660");
        // read-write: opening never blocks, and we never see EOF between clients
        input = FileChannel.open(control, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        watchdog = new ScheduledThreadPoolExecutor(1, Threads.daemon("sipwitch-control-watchdog"));
        watchdog.setRemoveOnCancelPolicy(true);
        workers = Threads.pool(settings.workers(), 64, "sipwitch-control-worker");
        streams = Threads.pool(settings.maxStreams(), 0, "sipwitch-control-events");
        running = true;
        reader = Threads.daemon("sipwitch-control").newThread(this::readLoop);
        reader.start();
        LOG.info("control FIFO ready: {}", control);
        return this;
    }

    /** {@code <runDir>/control}. */
    public Path controlPath() {
        return control;
    }

    /** Requests served (a reply was attempted). */
    public long served() {
        return served.get();
    }

    /** Requests dropped unanswered: malformed lines and refused reply paths. */
    public long refused() {
        return refused.get();
    }

    /** Requests whose handling failed unexpectedly (a bug: logged with its stack, the bridge went on). */
    public long failed() {
        return failed.get();
    }

    /** Stops reading, ends event streams, removes the control FIFO. Idempotent. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            input.close();   // unblocks the reader thread
        } catch (IOException e) {
            LOG.debug("closing control FIFO", e);
        }
        Threads.join(reader, 2000);
        Threads.stop(streams, 2000);   // streams see running == false and say goodbye
        Threads.stop(workers, 2000);
        watchdog.shutdownNow();
        Fifos.deleteIfFifo(control);
        LOG.info("control FIFO closed: {}", control);
    }

    private void readLoop() {
        LineReader lines = new LineReader(java.nio.channels.Channels.newInputStream(input),
                ControlRequest.MAX_LINE);
        while (running) {
            try {
                String line = lines.next();
                if (line == null) {
                    break;
                }
                handle(line);
            } catch (IOException e) {
                if (running) {
                    LOG.error("control FIFO unreadable, bridge stops: {}", e.toString());
                }
                break;
            } catch (VirtualMachineError fatal) {
                throw fatal; // out of memory and the like: not survived quietly
            } catch (RuntimeException | Error e) {
                // a bug in handling one request must not silence the control pipe
                failed.incrementAndGet();
                LOG.error("control request failed unexpectedly", e);
            }
        }
    }

    private void handle(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (line == LineReader.TOO_LONG) {
            refused.incrementAndGet();
            LOG.warn("control request dropped: longer than {} bytes", ControlRequest.MAX_LINE);
            return;
        }
        if (line == LineReader.PARTIAL) {
            refused.incrementAndGet();
            LOG.warn("control request dropped: a client wrote a line without its end (LF)");
            return;
        }
        ControlRequest request;
        Path reply;
        try {
            request = ControlRequest.parse(line);
            reply = policy.check(request.replyPath());
        } catch (ControlRequest.Malformed | ReplyPolicy.Refused e) {
            refused.incrementAndGet();
            LOG.warn("control request dropped, nothing written: {} (request: {})", e.getMessage(), printable(line));
            // a broken client's unfinished write may sit in front of a good request that came in
            // the same read: serve that one, from where it starts
            int next = line.indexOf(ControlRequest.MAGIC + "\t", 1);
            if (next > 0) {
                handle(line.substring(next));
            }
            return;
        }
        try {
            workers.execute(() -> serve(request, reply));
        } catch (RejectedExecutionException e) {
            refused.incrementAndGet();
            LOG.warn("control request '{}' dropped: all workers busy", request.verb());
        }
    }

    private void serve(ControlRequest request, Path reply) {
        served.incrementAndGet();
        ReplyChannel channel;
        try {
            channel = ReplyChannel.open(reply, watchdog, settings.replyTimeout().toMillis());
        } catch (IOException e) {
            LOG.warn("reply FIFO {} not opened, request '{}' not performed: {}", reply, request.verb(), e.toString());
            return;
        }
        boolean handedOver = false;
        try {
            Verb verb = verbs.find(request.verb()).orElse(null);
            Reply problem = VerbRunner.check(verb, request);
            if (problem == null && verb.kind() == Verb.Kind.STREAM) {
                handedOver = stream(channel, request.format() == ControlRequest.Format.JSON);
                if (!handedOver) {
                    channel.status(Reply.UNAVAILABLE, "too many event streams");
                }
                return;
            }
            channel.reply(problem != null ? problem : VerbRunner.perform(verb, request, server));
        } catch (IOException e) {
            LOG.info("reply to '{}' abandoned, client gone or not reading: {}", request.verb(), e.toString());
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error e) {
            // a bug: answered and logged here, or the worker thread would die with it unseen
            // and the client wait for its timeout
            failed.incrementAndGet();
            LOG.error("control request '{}' failed unexpectedly", request.verb(), e);
            tryStatus(channel, request, e);
        } finally {
            if (!handedOver) {
                channel.close();
            }
        }
    }

    private static void tryStatus(ReplyChannel channel, ControlRequest request, Throwable e) {
        try {
            channel.status(Reply.FAILED, "internal error: " + e);
        } catch (IOException | RuntimeException gone) {
            LOG.debug("no reply for '{}': {}", request.verb(), gone.toString());
        }
    }

    private boolean stream(ReplyChannel channel, boolean json) {
        try {
            streams.execute(() -> {
                try {
                    new EventStream(server, channel, settings, () -> running, json).run();
                } catch (IOException | InterruptedException e) {
                    LOG.debug("events reader gone: {}", e.toString());
                } finally {
                    channel.close();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static String printable(String line) {
        String s = line.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
