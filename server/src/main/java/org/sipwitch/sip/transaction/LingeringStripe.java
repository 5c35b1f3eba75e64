package org.sipwitch.sip.transaction;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.sipwitch.sip.net.Peer;
import org.sipwitch.sip.net.Transport;

/**
 * One stripe of {@link LingeringResponses}: completed transactions as entries of a byte
 * ring, oldest first, found through an open-addressing index (linear probing) of their
 * offsets. The ring is made of direct buffers, outside the heap, and an entry holds all
 * that is known of its transaction; on the heap there is only the index, so a young
 * collection has nothing per transaction to copy, not even while the ring first fills
 * (a freshly started server under load). Not thread-safe: the caller locks the stripe.
 *
 * <p>An entry, never across two chunks: its size, key hash, deadline, key length (in
 * characters, negative when each takes two bytes), response length, where the response
 * went (transport, port, address or host name), then the key (its parts joined by NUL)
 * and the response. A size of 0 marks the rest of a chunk as unused.
 */
final class LingeringStripe {
    /** Holds any UDP datagram (64 KiB) with its key. */
    static final int CHUNK = 1 << 18;
    private static final int SIZE = 0;
    private static final int HASH = 4;
    private static final int DEADLINE = 8;
    private static final int KEY_LENGTH = 16;
    private static final int WIRE_LENGTH = 20;
    private static final int TRANSPORT = 24;
    private static final int PORT = 25;
    private static final int ADDRESS_KIND = 27; // 4, 16, or 0 (a host name)
    private static final int ADDRESS_LENGTH = 28;
    private static final int HEADER = 29;
    private static final Transport[] TRANSPORTS = Transport.values();

    private final ByteBuffer[] chunks;
    private final long capacity;
    /** Ring offset + 1 of each entry; 0 is free. At least twice the entries, so probes stay short. */
    private int[] index = new int[1024];
    private int count;
    /** Byte positions (they only grow) of the oldest entry and of the next one. */
    private long tail;
    private long head;
    private long cutShort;

    /** {@code bytes}: what the ring may grow to (at least two chunks). */
    LingeringStripe(long bytes) {
        int n = (int) Math.max(2, Math.min(Integer.MAX_VALUE / CHUNK, bytes / CHUNK));
        chunks = new ByteBuffer[n];
        capacity = (long) n * CHUNK;
    }

    /**
     * Keeps a response until {@code until}. Room is made by dropping the oldest entries,
     * counted in {@link #cutShort()} when they had time left, as is an entry that cannot
     * be kept at all (bigger than a chunk: a UDP datagram and a key taken from another
     * cannot be).
     */
    void keep(int h, String id, String method, String tag, byte[] wire, Peer to, long now, long until) {
        dropExpired(now);
        int chars = chars(id, method, tag);
        boolean wide = !fitsOneByte(id) || !fitsOneByte(method) || (tag != null && !fitsOneByte(tag));
        InetAddress ip = to.address().getAddress();
        byte[] address = ip != null ? ip.getAddress() : to.address().getHostString().getBytes(StandardCharsets.UTF_8);
        int size = HEADER + address.length + (wide ? chars * 2 : chars) + wire.length;
        if (size > CHUNK || address.length > 255) {
            cutShort++;
            return;
        }
        long start = head;
        int room = CHUNK - offsetInChunk(start);
        boolean skip = room < size;
        if (skip) {
            start += room;
        }
        while (count > 0 && start + size - tail > capacity) {
            dropOldest(now);
        }
        if (count == 0) {
            tail = start;
        } else if (skip && room >= 4) {
            chunk(head).putInt(offsetInChunk(head) + SIZE, 0); // so that the oldest, walking, skips it
        }
        if ((count + 1) * 2 > index.length) {
            growIndex();
        }
        ByteBuffer c = chunk(start);
        int p = offsetInChunk(start);
        c.putInt(p + SIZE, size);
        c.putInt(p + HASH, h);
        c.putLong(p + DEADLINE, until);
        c.putInt(p + KEY_LENGTH, wide ? -chars : chars);
        c.putInt(p + WIRE_LENGTH, wire.length);
        c.put(p + TRANSPORT, (byte) to.transport().ordinal());
        c.putChar(p + PORT, (char) to.address().getPort());
        c.put(p + ADDRESS_KIND, (byte) (ip != null ? address.length : 0));
        c.put(p + ADDRESS_LENGTH, (byte) address.length);
        c.put(p + HEADER, address);
        int k = p + HEADER + address.length;
        k = put(c, k, id, wide);
        k = put(c, k, 0, wide);
        k = put(c, k, method, wide);
        k = put(c, k, 0, wide);
        if (tag != null) {
            k = put(c, k, tag, wide);
        }
        c.put(k, wire);
        insert(h, ringOffset(start));
        count++;
        head = start + size;
    }

    /** The ring offset of the entry of this key that has not expired, or -1. */
    int find(int h, String id, String method, String tag, long now) {
        int mask = index.length - 1;
        for (int s = h & mask; index[s] != 0; s = (s + 1) & mask) {
            int e = index[s] - 1;
            ByteBuffer c = chunks[e / CHUNK];
            int p = e % CHUNK;
            if (c.getInt(p + HASH) == h && c.getLong(p + DEADLINE) > now && keyEquals(c, p, id, method, tag)) {
                return e;
            }
        }
        return -1;
    }

    /** A copy of the response bytes of the entry at {@code e} (the ring may reuse them once unlocked). */
    byte[] wire(int e) {
        ByteBuffer c = chunks[e / CHUNK];
        int p = e % CHUNK;
        int keyLength = c.getInt(p + KEY_LENGTH);
        byte[] wire = new byte[c.getInt(p + WIRE_LENGTH)];
        c.get(keyStart(c, p) + Math.abs(keyLength) * (keyLength < 0 ? 2 : 1), wire);
        return wire;
    }

    /** Where the response of the entry at {@code e} went. */
    Peer peer(int e) {
        ByteBuffer c = chunks[e / CHUNK];
        int p = e % CHUNK;
        byte[] address = new byte[c.get(p + ADDRESS_LENGTH) & 0xFF];
        c.get(p + HEADER, address);
        int port = c.getChar(p + PORT);
        InetSocketAddress to;
        if (c.get(p + ADDRESS_KIND) == 0) {
            to = InetSocketAddress.createUnresolved(new String(address, StandardCharsets.UTF_8), port);
        } else {
            try {
                to = new InetSocketAddress(InetAddress.getByAddress(address), port);
            } catch (UnknownHostException e1) {
                throw new IllegalStateException("kept a " + address.length + "-byte address", e1);
            }
        }
        return new Peer(TRANSPORTS[c.get(p + TRANSPORT)], to);
    }

    /** Entries that have not expired. */
    int size(long now) {
        dropExpired(now);
        return count;
    }

    /** Entries dropped for room before their time, or not kept. */
    long cutShort() {
        return cutShort;
    }

    private void dropExpired(long now) {
        while (count > 0) {
            tail = entryAt(tail);
            if (chunk(tail).getLong(offsetInChunk(tail) + DEADLINE) > now) {
                return;
            }
            dropOldest(now);
        }
    }

    private void dropOldest(long now) {
        long t = entryAt(tail); // tail itself, unless it points at the unused end of a chunk
        ByteBuffer c = chunk(t);
        int p = offsetInChunk(t);
        if (c.getLong(p + DEADLINE) > now) {
            cutShort++;
        }
        remove(c.getInt(p + HASH), ringOffset(t));
        tail = t + c.getInt(p + SIZE);
        if (--count == 0) {
            tail = head;
        }
    }

    /** Where the entry at or after {@code position} starts: past the unused rest of a chunk. */
    private long entryAt(long position) {
        int room = CHUNK - offsetInChunk(position);
        if (room < HEADER || chunk(position).getInt(offsetInChunk(position) + SIZE) == 0) {
            return position + room;
        }
        return position;
    }

    private int ringOffset(long position) {
        return (int) (position % capacity);
    }

    private static int offsetInChunk(long position) {
        return (int) (position % CHUNK);
    }

    private ByteBuffer chunk(long position) {
        int i = (int) ((position % capacity) / CHUNK);
        if (chunks[i] == null) {
            chunks[i] = ByteBuffer.allocateDirect(CHUNK); // as needed: an idle server holds little
        }
        return chunks[i];
    }

    private int hashAt(int offset) {
        return chunks[offset / CHUNK].getInt(offset % CHUNK + HASH);
    }

    private void insert(int h, int offset) {
        int mask = index.length - 1;
        int s = h & mask;
        while (index[s] != 0) {
            s = (s + 1) & mask;
        }
        index[s] = offset + 1;
    }

    /** Deletes an entry from the index, moving later entries of its probe run back (no tombstones). */
    private void remove(int h, int offset) {
        int mask = index.length - 1;
        int i = h & mask;
        while (index[i] != offset + 1) {
            i = (i + 1) & mask;
        }
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = hashAt(index[j] - 1) & mask;
            boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
    }

    private void growIndex() {
        int[] old = index;
        index = new int[old.length * 2];
        for (int v : old) {
            if (v != 0) {
                insert(hashAt(v - 1), v - 1);
            }
        }
    }

    /** Where the key of the entry at {@code p} starts: after its header and address. */
    private static int keyStart(ByteBuffer c, int p) {
        return p + HEADER + (c.get(p + ADDRESS_LENGTH) & 0xFF);
    }

    private static int chars(String id, String method, String tag) {
        return id.length() + 1 + method.length() + 1 + (tag == null ? 0 : tag.length());
    }

    private static boolean keyEquals(ByteBuffer c, int p, String id, String method, String tag) {
        int keyLength = c.getInt(p + KEY_LENGTH);
        boolean wide = keyLength < 0;
        if (Math.abs(keyLength) != chars(id, method, tag)) {
            return false;
        }
        int k = keyStart(c, p);
        k = same(c, k, id, wide);
        k = k < 0 ? k : same(c, k, "\0", wide);
        k = k < 0 ? k : same(c, k, method, wide);
        k = k < 0 ? k : same(c, k, "\0", wide);
        return k >= 0 && (tag == null || same(c, k, tag, wide) >= 0);
    }

    /** The position after {@code s} when the bytes at {@code k} spell it, else -1. */
    private static int same(ByteBuffer c, int k, String s, boolean wide) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (wide) {
                if (c.get(k) != (byte) (ch >> 8) || c.get(k + 1) != (byte) ch) {
                    return -1;
                }
                k += 2;
            } else if (c.get(k++) != (byte) ch) {
                return -1;
            }
        }
        return k;
    }

    private static int put(ByteBuffer c, int k, String s, boolean wide) {
        for (int i = 0; i < s.length(); i++) {
            k = put(c, k, s.charAt(i), wide);
        }
        return k;
    }

    private static int put(ByteBuffer c, int k, int ch, boolean wide) {
        if (wide) {
            c.put(k++, (byte) (ch >> 8));
        }
        c.put(k++, (byte) ch);
        return k;
    }

    private static boolean fitsOneByte(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
