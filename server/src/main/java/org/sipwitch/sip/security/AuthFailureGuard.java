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
 * Password-guessing protection that matches the threat, so one phone with a wrong
 * password behind an office NAT does not lock out the whole office:
 *
 * <ul>
 *   <li><b>A user guessed at from a source</b>: {@code <auth-failures>} failures for one
 *       user id from one address within {@code <auth-window>} lock that pair for
 *       {@code <block-time>}: that user is answered {@code 403} from there
 *       ({@link #isLocked}), whatever the password, so the phone shows an error instead of
 *       retrying, and the guessing stops. Other users at the same address go on.</li>
 *   <li><b>A scanner</b>: failures for {@code <scan-users>} distinct user ids (known or
 *       not) from one address within the window block the whole source
 *       ({@link #isBlocked}; dropped, or {@code 403} with {@code <block-action>reject}).</li>
 *   <li>A user id attacked from many sources is recorded ({@link #targetedUsers()},
 *       {@link AuthGuardListener#userTargeted}) but never locked everywhere: that would
 *       let anyone lock out anyone.</li>
 *   <li>Trusted sources ({@code <access><trusted>}) are counted but, with
 *       {@link GuardLimits#exemptTrusted()} (the default), never locked or blocked;
 *       crossing a threshold there is reported once per threshold instead.</li>
 *   <li>A success forgives that pair's failures and takes the user off the source's list
 *       of names tried; the other names stay, so logging in between guesses does not
 *       reset a scanner.</li>
 *   <li>The operator lifts blocks and locks of an address or network ({@link #unblock}).</li>
 *   <li>All tables are capped ({@link GuardLimits}), so spoofed sources and invented user
 *       ids cannot exhaust memory.</li>
 * </ul>
 */
public final class AuthFailureGuard {

    /** Distinct sources remembered per targeted user id. */
    public static final int MAX_SOURCES_PER_USER = 16;

    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureGuard.class);

    private record Settings(int threshold, int scanUsers, long windowNanos, long blockNanos, CidrMatcher trusted) {
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
    private final UserLocks locks;
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
        this.locks = new UserLocks(limits, time);
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
        Settings s = new Settings(security.authFailures(), security.scanUsers(),
                TimeUnit.SECONDS.toNanos(security.authWindow()),
                TimeUnit.SECONDS.toNanos(security.blockTime()), new CidrMatcher(access.trusted()));
        settings = s;
        if (exemptTrusted && !s.trusted.isEmpty()) {
            for (Map.Entry<InetAddress, Block> e : blocked.entries()) {
                if (s.trusted.matches(e.getKey()) && blocked.remove(e.getKey(), e.getValue())) {
                    notify(l -> l.sourceReleased(e.getValue().snapshot(), "trusted after reload"));
                }
            }
            locks.unlock(s.trusted::matches, lock -> { });
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
     * Whether {@code userId} is refused from {@code source} (too many wrong passwords for
     * it there): the authenticator answers {@code 403} without looking at the password.
     */
    public boolean isLocked(InetAddress source, String userId) {
        return locks.isLocked(new UserLocks.Pair(Sources.key(source), Sources.userId(userId)));
    }

    /**
     * Counts a failed authentication (wrong password, unknown user, bad digest) from
     * {@code source} for {@code userId} (the digest username as sent; may be null).
     *
     * @return true when this failure blocked the whole source (exactly one call per block does)
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
        boolean exempt = exemptTrusted && s.trusted.matches(key);
        countForPair(s, new UserLocks.Pair(key, user), now, exempt);

        SourceFailures record = sources.getOrCreate(key, k -> new SourceFailures(now),
                r -> r.isIdle(now, s.windowNanos));
        int names = record.add(now, s.windowNanos, user, s.scanUsers);
        if (names < s.scanUsers) {
            return false;
        }
        int failures;
        synchronized (record) {
            failures = record.failures;
            record.reset(now);
        }
        if (exempt) {
            notify(l -> l.trustedSourceFailing(key, failures, user));
            return false;
        }
        if (s.blockNanos == 0) {
            return false; // <block-time>0</block-time>: count and report, never block
        }
        sources.remove(key, record);
        return block(key, now, s, failures, user);
    }

    /** The pair's failures; at the threshold the user is locked at that source. */
    private void countForPair(Settings s, UserLocks.Pair pair, long now, boolean exempt) {
        UserLocks.Crossing crossing = locks.count(pair, now, s.threshold, s.windowNanos, s.blockNanos, exempt);
        if (crossing == null) {
            return;
        }
        if (exempt) {
            notify(l -> l.trustedSourceFailing(pair.source(), crossing.failures(), pair.user()));
        } else if (crossing.lock() != null) {
            notify(l -> l.userLocked(crossing.lock()));
        }
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
     * A successful authentication: forgives the pair's failures and takes the user off the
     * source's names. User-id counters are kept (a success does not hide an attack).
     */
    public void recordSuccess(InetAddress source, String userId) {
        InetAddress key = Sources.key(Objects.requireNonNull(source, "source"));
        String user = Sources.userId(userId);
        locks.forgive(new UserLocks.Pair(key, user));
        SourceFailures record = sources.get(key);
        if (record != null) {
            record.forgive(user);
        }
    }

    /** Users refused at one source, in force, oldest first. */
    public List<UserLock> locked() {
        return locks.locked();
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
        locks.unlock(key::equals, lock -> { });
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

    /**
     * Operator unblock ({@code sipwitchctl unblock ADDRESS[/PREFIX]}): lifts the source
     * blocks and the user locks of every address in {@code network}, and forgets their
     * failure counts, so they start afresh.
     *
     * @return how many blocks and locks were in force and are lifted
     */
    public int unblock(org.sipwitch.ip.Cidr network) {
        long now = time.nanoTime();
        int lifted = 0;
        for (Map.Entry<InetAddress, Block> e : blocked.entries()) {
            if (network.contains(e.getKey()) && blocked.remove(e.getKey(), e.getValue())
                    && !e.getValue().expired(now)) {
                lifted++;
                notify(l -> l.sourceReleased(e.getValue().snapshot(), "unblocked by operator"));
            }
        }
        lifted += locks.unlock(network::contains, lock -> notify(l -> l.userUnlocked(lock, "unblocked by operator")));
        sources.removeKeysIf(network::contains);
        return lifted;
    }

    public long locksTotal() {
        return locks.total();
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

    public int lockedCount() {
        return locks.size();
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
