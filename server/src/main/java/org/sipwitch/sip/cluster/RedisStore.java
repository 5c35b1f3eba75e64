package org.sipwitch.sip.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The cluster's shared store on Redis (Lettuce). Used from the cluster thread only.
 *
 * <pre>
 * sipwitch:loc:&lt;user&gt;   hash   field &lt;node&gt; = that node's bindings of the user, one journal line each
 *                              (expires with the user's last binding)
 * sipwitch:node:&lt;name&gt;  string &lt;sip address&gt; TAB &lt;beat millis&gt;, PX = liveness (gone = node down)
 * sipwitch:nodes         set    every node name ever seen
 * channel sipwitch:bindings     &lt;node&gt; TAB &lt;user&gt; after each write: others reload that user
 * </pre>
 *
 * Commands fail at once while the connection is down (no queueing: what a node cannot
 * write stays marked and is written back when the store returns), and after
 * {@link #TIMEOUT} when Redis does not answer.
 */
final class RedisStore implements AutoCloseable {
    static final String PREFIX = "sipwitch:";
    static final String LOCATION = PREFIX + "loc:";
    static final String NODE = PREFIX + "node:";
    static final String NODES = PREFIX + "nodes";
    static final String CHANNEL = PREFIX + "bindings";
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int BATCH = 500;

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private final Consumer<String> changes;
    private StatefulRedisConnection<String, String> connection;
    private StatefulRedisPubSubConnection<String, String> pubsub;

    /**
     * @param changes told each message of the bindings channel, on a Lettuce thread: must only hand it on
     * @throws IllegalArgumentException when the URI is not one Lettuce takes
     */
    RedisStore(String redisUri, long reconnectMillis, Consumer<String> changes) {
        this.uri = RedisURI.create(redisUri);
        this.uri.setTimeout(TIMEOUT);
        this.changes = changes;
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                .reconnectDelay(Delay.constant(Duration.ofMillis(Math.max(100, reconnectMillis)))).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT)).build());
    }

    boolean connected() {
        return connection != null && connection.isOpen();
    }

    /** Connects (data and pub/sub) unless connected; throws {@link RedisException} when Redis is not there. */
    void connect() {
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8, uri);
        }
        if (pubsub == null) {
            StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub(StringCodec.UTF8, uri);
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    changes.accept(message);
                }
            });
            sub.sync().subscribe(CHANNEL); // resubscribed by Lettuce after each reconnect
            pubsub = sub;
        }
    }

    private RedisCommands<String, String> sync() {
        if (connection == null) {
            throw new RedisException("not connected");
        }
        return connection.sync();
    }

    private RedisAsyncCommands<String, String> async() {
        if (connection == null) {
            throw new RedisException("not connected");
        }
        return connection.async();
    }

    /** Says this node is alive for {@code ttlMillis}; returns what its key held before (null: gone). */
    String beat(String node, String value, long ttlMillis) {
        RedisAsyncCommands<String, String> a = async();
        RedisFuture<String> before = a.setGet(NODE + node, value, SetArgs.Builder.px(ttlMillis));
        RedisFuture<Long> added = a.sadd(NODES, node);
        await(before, added);
        return done(before);
    }

    /** This node leaves: its liveness key goes, so the others see it down at once. */
    void leave(String node) {
        sync().del(NODE + node);
    }

    /** Every node ever seen, with its liveness value, or null for a node that is down. */
    Map<String, String> nodes() {
        List<String> names = new ArrayList<>(sync().smembers(NODES));
        Map<String, String> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        String[] keys = names.stream().map(n -> NODE + n).toArray(String[]::new);
        for (KeyValue<String, String> kv : sync().mget(keys)) {
            out.put(kv.getKey().substring(NODE.length()), kv.getValueOrElse(null));
        }
        return out;
    }

    /** One user's entry to write: this node's lines for it (null: it has none left) and the last expiry. */
    record UserWrite(String user, String lines, long expiresAtMillis) {
    }

    /** Writes this node's part of each user (pipelined) and tells the other nodes. */
    void write(String node, List<UserWrite> writes) {
        RedisAsyncCommands<String, String> a = async();
        List<RedisFuture<?>> futures = new ArrayList<>(writes.size() * 4);
        for (UserWrite w : writes) {
            String key = LOCATION + w.user();
            if (w.lines() == null) {
                futures.add(a.hdel(key, node));
            } else {
                futures.add(a.hset(key, node, w.lines()));
                if (w.expiresAtMillis() != Long.MAX_VALUE) {
                    // NX sets it on a new key, GT only ever moves it later: another node's longer binding keeps it
                    futures.add(a.pexpireat(key, w.expiresAtMillis(), ExpireArgs.Builder.nx()));
                    futures.add(a.pexpireat(key, w.expiresAtMillis(), ExpireArgs.Builder.gt()));
                } else {
                    futures.add(a.persist(key)); // a static binding never expires
                }
            }
            futures.add(a.publish(CHANNEL, node + '\t' + w.user()));
        }
        await(futures.toArray(new RedisFuture<?>[0]));
    }

    /** Every node's part of one user. */
    Map<String, String> user(String user) {
        return sync().hgetall(LOCATION + user);
    }

    /** Every user's entry, in batches (SCAN, never KEYS: a big store must not stall). */
    void scanUsers(BiConsumer<String, Map<String, String>> sink) {
        RedisCommands<String, String> s = sync();
        RedisAsyncCommands<String, String> a = async();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs args = ScanArgs.Builder.matches(LOCATION + "*").limit(BATCH);
        do {
            KeyScanCursor<String> page = s.scan(cursor, args);
            List<RedisFuture<Map<String, String>>> reads = new ArrayList<>(page.getKeys().size());
            for (String key : page.getKeys()) {
                reads.add(a.hgetall(key));
            }
            await(reads.toArray(new RedisFuture<?>[0]));
            for (int i = 0; i < reads.size(); i++) {
                sink.accept(page.getKeys().get(i).substring(LOCATION.length()), done(reads.get(i)));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    /** The value of a future {@link #await} saw complete. */
    private static <T> T done(RedisFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new RedisException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    private static void await(RedisFuture<?>... futures) {
        if (!LettuceFutures.awaitAll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, futures)) {
            throw new RedisException("no answer within " + TIMEOUT.toMillis() + " ms");
        }
    }

    @Override
    public void close() {
        if (pubsub != null) {
            pubsub.closeAsync();
        }
        if (connection != null) {
            connection.closeAsync();
        }
        client.shutdownAsync(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
