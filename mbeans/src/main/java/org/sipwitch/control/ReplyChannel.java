package org.sipwitch.control;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The write end of one client's reply FIFO, writing tagged lines (see
 * docs/control-protocol.md) that can neither block the bridge forever nor go anywhere
 * but into that FIFO.
 *
 * <p>Opening a FIFO write-only blocks until somebody reads. So we first open it
 * read-write, which Linux grants at once and which makes us a reader, then write-only
 * (now instant, as a reader exists), then close the read-write end. From then on a
 * client that went away shows up as EPIPE ("Broken pipe") on the next write. A client
 * that is there but stops reading fills the pipe and blocks our write: a watchdog
 * closes the channel at the deadline, which aborts the blocked write
 * (FileChannel is interruptible).
 */
final class ReplyChannel implements Closeable {

    /**
     * Bytes per line at most, so that every write stays atomic (PIPE_BUF): longer output
     * lines go in parts ({@link #out}), longer stderr and status lines are cut.
     */
    static final int MAX_LINE = 4000;

    private final FileChannel channel;
    private final ScheduledExecutorService watchdog;
    private final long timeoutMillis;

    private ReplyChannel(FileChannel channel, ScheduledExecutorService watchdog, long timeoutMillis) {
        this.channel = channel;
        this.watchdog = watchdog;
        this.timeoutMillis = timeoutMillis;
    }

    /** Opens an already {@link ReplyPolicy#check checked} FIFO. */
    static ReplyChannel open(Path fifo, ScheduledExecutorService watchdog, long timeoutMillis) throws IOException {
        try (FileChannel pin = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            requirePipe(pin);
            FileChannel out = FileChannel.open(fifo, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                requirePipe(out);
            } catch (IOException e) {
                out.close();
                throw e;
            }
            return new ReplyChannel(out, watchdog, timeoutMillis);
        }
    }

    /**
     * The path was checked to be a FIFO just before; this checks what we actually opened,
     * in case it was swapped meanwhile: only pipes refuse to seek.
     */
    private static void requirePipe(FileChannel ch) throws IOException {
        boolean seekable;
        try {
            ch.position();
            seekable = true;
        } catch (IOException e) {
            seekable = false;
        }
        if (seekable) {
            throw new IOException("reply path is not a FIFO once opened");
        }
    }

    /**
     * Output line for stdout: {@code >text}. Embedded newlines become separate lines. A
     * line too long for one atomic write goes as {@code *part} lines, which the client
     * prints without a newline, and a last {@code >rest}: nothing is cut (a JSON value
     * must arrive whole).
     */
    void out(String text) throws IOException {
        for (String line : text.split("\r?\n", -1)) {
            int from = 0;
            for (int cut = cut(line, from); cut < line.length(); cut = cut(line, from)) {
                write('*', line.substring(from, cut));
                from = cut;
            }
            write('>', line.substring(from));
        }
    }

    /** Where a part starting at {@code from} ends: at most MAX_LINE - 1 UTF-8 bytes, never inside a character. */
    static int cut(String line, int from) {
        int bytes = 0;
        int i = from;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_LINE - 1) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Line for stderr: {@code !text}. */
    void err(String text) throws IOException {
        write('!', text.replaceAll("[\\r\\n]+", " "));
    }

    /** {@code +verb}: a stream starts; the client stops its reply timeout. */
    void streaming(String verb) throws IOException {
        write('+', verb);
    }

    /** {@code #}: keep-alive, ignored by the client; fails once the client is gone. */
    void keepAlive() throws IOException {
        write('#', "");
    }

    /** The final line: {@code =code reason}. */
    void status(int code, String reason) throws IOException {
        write('=', code + " " + reason.replaceAll("[\\r\\n]+", " "));
    }

    void reply(Reply reply) throws IOException {
        for (String line : reply.out()) {
            out(line);
        }
        for (String line : reply.err()) {
            err(line);
        }
        status(reply.status(), reply.reason());
    }

    private void write(char tag, String text) throws IOException {
        byte[] bytes = (tag + text).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, MAX_LINE);
        ByteBuffer buffer = ByteBuffer.allocate(length + 1);
        buffer.put(bytes, 0, length).put((byte) '\n').flip();
        ScheduledFuture<?> deadline = watchdog.schedule(this::closeQuietly, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
