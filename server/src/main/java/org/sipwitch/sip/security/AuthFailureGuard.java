package org.sipwitch.sip.security;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.sipwitch.ip.IpLiteral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password-guessing protection: counts failed authentications per source address and per
 * user id over a sliding window ({@code <auth-window>}); a source that reaches
 * {@code <auth-failures>} is blocked for {@code <block-time>} seconds.
 *
 * <ul>
 *   <li>Only the <em>source</em> is ever blocked. A user id attacked from many sources
 *       is recorded ({@link #targetedUsers()}, {@link AuthGuardListener#userTargeted})
 *       but never locked: that would let anyone lock out anyone.</li>
 *   <li>Trusted sources ({@code <access><trusted>}) are counted but, with
 *       {@link GuardLimits#exemptTrusted()} (the default), never blocked; crossing the
 *       threshold there is reported once per threshold instead.</li>
 *   <li>A success forgives a source's failures only when they were all for the user who
 *       just succeeded (a phone with an old password that was then fixed). A guesser
 *       holding one valid account cannot reset its count by logging in between guesses.</li>
 *   <li>{@link #isBlocked} is the per-request check: one lock-free map read, and a clock
 *       read only for sources that are in the block table.</li>
 *   <li>All tables are capped ({@link GuardLimits}), so spoofed sources and invented user
 *       ids cannot exhaust memory.</li>
 * </ul>
 */
public final class AuthFailureGuard {

    /** Distinct sources remembered per targeted user id. */
    public static final int MAX_SOURCES_PER_USER = 16;

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureGuard.class);

    private record Settings(int threshold, long windowNanos, long blockNanos, CidrMatcher trusted) {
        /** How long a targeted user stays listed after its last failure. */
        long visibleNanos() {
            return Math.max(2 * windowNanos, blockNanos);
        }
    }

    private final TimeSource time;
    private final boolean exemptTrusted;
    private final BoundedMap<InetAddress, SourceFailures> sources;
    private final BoundedMap<String, UserFailures> users;
    private final BoundedMap<InetAddress, Block> blocked;
    private final List<AuthGuardListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder failuresTotal = new LongAdder();
    private final LongAdder blocksTotal = new LongAdder();
    private volatile Settings settings;

    public AuthFailureGuard(SecuritySettings security, AccessLists access, GuardLimits limits, TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        this.exemptTrusted = limits.exemptTrusted();
        this.sources = new BoundedMap<>(limits.maxSources());
        this.users = new BoundedMap<>(limits.maxUsers());
        this.blocked = new BoundedMap<>(limits.maxBlocked());
        reconfigure(security, access);
    }

    public void addListener(AuthGuardListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Takes new settings (config reload). Blocks in force stay, with the end time they
     * were given; a blocked source that the new config makes trusted is released when
     * trusted sources are exempt.
     */
    public void reconfigure(SecuritySettings security, AccessLists access) {
        Settings s = new Settings(security.authFailures(), TimeUnit.SECONDS.toNanos(security.authWindow()),
                TimeUnit.SECONDS.toNanos(security.blockTime()), new CidrMatcher(access.trusted()));
        settings = s;
        if (exemptTrusted && !s.trusted.isEmpty()) {
            for (Map.Entry<InetAddress, Block> e : blocked.entries()) {
                if (s.trusted.matches(e.getKey()) && blocked.remove(e.getKey(), e.getValue())) {
                    notify(l -> l.sourceReleased(e.getValue().snapshot(), "trusted after reload"));
                }
            }
        }
    }

    /** The per-request check. */
    public boolean isBlocked(InetAddress source) {
        InetAddress key = Sources.key(source);
        Block block = blocked.get(key);
        if (block == null) {
            return false;
        }
        if (!block.expired(time.nanoTime())) {
            return true;
        }
        blocked.remove(key, block); // lapsed: forget it lazily
        return false;
    }

    /**
     * Counts a failed authentication (wrong password, unknown user, bad digest) from
     * {@code source} for {@code userId} (the digest username as sent; may be null).
     *
     * @return true when this failure blocked the source (exactly one call per block does)
     */
    public boolean recordFailure(InetAddress source, String userId) {
        InetAddress key = Sources.key(Objects.requireNonNull(source, "source"));
        String user = Sources.userId(userId);
        Settings s = settings;
        long now = time.nanoTime();
        failuresTotal.increment();
        countForUser(s, user, key, now);

        Block current = blocked.get(key);
        if (current != null && !current.expired(now)) {
            current.failures.incrementAndGet(); // requests already in flight when it was blocked
            current.lastUser = user;
            return false;
        }
        SourceFailures record = sources.getOrCreate(key, k -> new SourceFailures(now),
                r -> r.isIdle(now, s.windowNanos));
        int failures;
        synchronized (record) {
            if (record.add(now, s.windowNanos, user) < s.threshold) {
                return false;
            }
            failures = record.episodeFailures;
            record.reset(now);
        }
        if (exemptTrusted && s.trusted.matches(key)) {
            notify(l -> l.trustedSourceFailing(key, failures, user));
            return false;
        }
        if (s.blockNanos == 0) {
            return false; // <block-time>0</block-time>: count and report users, never block
        }
        sources.remove(key, record);
        return block(key, now, s, failures, user);
    }

    private boolean block(InetAddress key, long now, Settings s, int failures, String user) {
        long wall = time.currentTimeMillis();
        Block block = new Block(key, now + s.blockNanos, wall, wall + TimeUnit.NANOSECONDS.toMillis(s.blockNanos),
                failures, user);
        while (true) {
            Block prior = blocked.putIfAbsent(key, block, b -> b.expired(now));
            if (prior == null) {
                break;
            }
            if (!prior.expired(now)) {
                prior.failures.addAndGet(failures); // blocked by a concurrent failure: not a new block
                return false;
            }
            if (blocked.replace(key, prior, block)) {
                break;
            }
        }
        blocksTotal.increment();
        BlockedSource snapshot = block.snapshot();
        notify(l -> l.sourceBlocked(snapshot));
        return true;
    }

    private void countForUser(Settings s, String user, InetAddress source, long now) {
        UserFailures record = users.getOrCreate(user, k -> new UserFailures(now),
                r -> r.isForgotten(now, s.visibleNanos()));
        TargetedUser alert;
        synchronized (record) {
            alert = record.add(now, time.currentTimeMillis(), s.windowNanos, s.visibleNanos(), s.threshold, user,
                    source);
        }
        if (alert != null) {
            notify(l -> l.userTargeted(alert));
        }
    }

    /**
     * A successful authentication: forgives the source's failures when they were all for
     * this same user id. User-id counters are kept (a success does not hide an attack).
     */
    public void recordSuccess(InetAddress source, String userId) {
        InetAddress key = Sources.key(Objects.requireNonNull(source, "source"));
        SourceFailures record = sources.get(key);
        if (record == null) {
            return;
        }
        String user = Sources.userId(userId);
        boolean forgive;
        synchronized (record) {
            forgive = !record.mixedUsers && user.equals(record.firstUser);
        }
        if (forgive) {
            sources.remove(key, record);
        }
    }

    /** Blocked sources in force, oldest first. */
    public List<BlockedSource> blocked() {
        long now = time.nanoTime();
        List<BlockedSource> out = new ArrayList<>();
        for (Map.Entry<InetAddress, Block> e : blocked.entries()) {
            if (!e.getValue().expired(now)) {
                out.add(e.getValue().snapshot());
            }
        }
        out.sort(Comparator.comparing(BlockedSource::since));
        return out;
    }

    /** User ids that crossed the threshold recently, most recent failure first. */
    public List<TargetedUser> targetedUsers() {
        Settings s = settings;
        long now = time.nanoTime();
        List<TargetedUser> out = new ArrayList<>();
        for (Map.Entry<String, UserFailures> e : users.entries()) {
            UserFailures record = e.getValue();
            synchronized (record) {
                if (record.targeted && !record.isForgotten(now, s.visibleNanos())) {
                    out.add(record.snapshot(e.getKey()));
                }
            }
        }
        out.sort(Comparator.comparing(TargetedUser::lastFailure).reversed());
        return out;
    }

    /**
     * Operator unblock ({@code release} through the Policy MBean).
     *
     * @param address an IPv4 or IPv6 literal
     * @return true when that source was blocked and now is not
     * @throws IllegalArgumentException when {@code address} is not an IP literal
     */
    public boolean release(String address) {
        Optional<InetAddress> parsed = IpLiteral.parse(address == null ? "" : address.trim());
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: \"" + Sources.userId(address) + "\"");
        }
        InetAddress key = Sources.key(parsed.get());
        sources.remove(key);
        Block block = blocked.remove(key);
        if (block == null || block.expired(time.nanoTime())) {
            return false;
        }
        notify(l -> l.sourceReleased(block.snapshot(), "released by operator"));
        return true;
    }

    /** Releases every block; returns how many were in force. */
    public int releaseAll() {
        int released = 0;
        for (Map.Entry<InetAddress, Block> e : blocked.entries()) {
            if (release(Sources.format(e.getKey()))) {
                released++;
            }
        }
        return released;
    }

    public long failuresTotal() {
        return failuresTotal.sum();
    }

    public long blocksTotal() {
        return blocksTotal.sum();
    }

    /** Sizes of the tables, to show (and test) that they stay bounded. */
    public int trackedSources() {
        return sources.size();
    }

    public int trackedUsers() {
        return users.size();
    }

    public int blockedCount() {
        return blocked.size();
    }

    private void notify(Consumer<AuthGuardListener> event) {
        for (AuthGuardListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("security listener {} failed", listener, e);
            }
        }
    }

    private static final class Block {
        final InetAddress address;
        final long untilNanos;
        final long sinceMillis;
        final long untilMillis;
        final AtomicInteger failures;
        volatile String lastUser;

        Block(InetAddress address, long untilNanos, long sinceMillis, long untilMillis, int failures, String user) {
            this.address = address;
            this.untilNanos = untilNanos;
            this.sinceMillis = sinceMillis;
            this.untilMillis = untilMillis;
            this.failures = new AtomicInteger(failures);
            this.lastUser = user;
        }

        boolean expired(long now) {
            return now - untilNanos >= 0;
        }

        BlockedSource snapshot() {
            return new BlockedSource(address, Instant.ofEpochMilli(sinceMillis), Instant.ofEpochMilli(untilMillis),
                    failures.get(), lastUser);
        }
    }
}
