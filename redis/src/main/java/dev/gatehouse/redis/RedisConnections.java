package dev.gatehouse.redis;

import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.redis.internal.SharedClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's Redis connections, one per distinct Redis: two middlewares whose {@code redis} specs mean the
 * same server (after defaults) share one Lettuce connection.
 *
 * <pre>
 *  factory:  RedisSpec s = RedisConnections.validate(spec.redis(), "redis");
 *            RedisConnection c = ctx.resource("redis", s, () -&gt; RedisConnections.acquire(s, ctx.baseDir()));
 *  request:  c.eval(script, type, keys, args) ─▶ CompletableFuture (completed on the connection's I/O thread)
 * </pre>
 *
 * <p>In a running gateway the connections run on the gateway's worker loops, one per loop
 * ({@link RedisEventLoops}); otherwise on Lettuce's own small I/O pool (two threads). Timers, reconnect delays
 * and Lettuce's computation pool (two threads) are shared by all connections and stopped with the last one.
 */
public final class RedisConnections {
    private static final Map<SharedClient.Key, SharedClient> CLIENTS = new HashMap<>();
    /** Clients let go of whose connections are still closing. */
    private static final Set<CompletableFuture<Void>> CLOSING = new HashSet<>();

    private RedisConnections() {
    }

    /**
     * Checks a spec the way a factory must before {@link #acquire}: fills in defaults and rejects what is not
     * supported.
     *
     * @param spec    the spec as configured (null means all defaults)
     * @param keyPath where it sits in the middleware's spec, such as {@code redis}
     * @return the spec with defaults filled in
     * @throws InvalidSpecException naming the offending key
     */
    public static RedisSpec validate(RedisSpec spec, String keyPath) {
        RedisSpec s = (spec == null ? new RedisSpec(null, null, null, null, null, null, null, null, null, null,
                null) : spec).withDefaults();
        if (s.endpoints().size() > 1) {
            throw new InvalidSpecException(keyPath + ".endpoints",
                    "more than one endpoint (Redis Cluster or a seed list) is not supported yet");
        }
        SharedClient.parseEndpoint(s.endpoints().getFirst(), keyPath + ".endpoints");
        if (s.db() < 0) {
            throw new InvalidSpecException(keyPath + ".db", "must not be negative");
        }
        notSupported(s.poolSize(), keyPath + ".poolSize");
        notSupported(s.minIdleConns(), keyPath + ".minIdleConns");
        notSupported(s.maxActiveConns(), keyPath + ".maxActiveConns");
        positive(s.readTimeout(), keyPath + ".readTimeout");
        positive(s.writeTimeout(), keyPath + ".writeTimeout");
        positive(s.dialTimeout(), keyPath + ".dialTimeout");
        if (s.tls() != null && (s.tls().cert() == null) != (s.tls().key() == null)) {
            throw new InvalidSpecException(keyPath + ".tls", "cert and key must be set together");
        }
        return s;
    }

    /**
     * Takes a share of the connection to the Redis a spec names, connecting (in the background) when nobody
     * holds one yet. Never blocks: while the first connect is under way, calls fail with
     * {@link RedisUnavailableException}.
     *
     * @param spec    a spec returned by {@link #validate}
     * @param baseDir what relative TLS file names resolve against
     * @return a holder's connection; close it to give it back
     */
    public static synchronized RedisConnection acquire(RedisSpec spec, Path baseDir) {
        SharedClient.Key key = SharedClient.Key.of(spec, baseDir);
        SharedClient client = CLIENTS.get(key);
        if (client == null) {
            client = SharedClient.start(key);
            CLIENTS.put(key, client);
        }
        client.retain();
        return new RedisConnection(client);
    }

    /** @return how many distinct Redis connections are open (for tests and diagnostics) */
    public static synchronized int openConnections() {
        return CLIENTS.size();
    }

    static synchronized void release(SharedClient client) {
        if (client.release()) {
            CLIENTS.remove(client.key());
            CompletableFuture<Void> closed = client.shutdown();
            CLOSING.add(closed);
            closed.whenComplete((v, e) -> forget(closed));
        }
    }

    private static synchronized void forget(CompletableFuture<Void> closed) {
        CLOSING.remove(closed);
    }

    /**
     * Waits until the connections of every released holder have closed. The gateway calls it before it stops the
     * worker loops those connections run on: a connection still closing when its loop stops would never hand
     * back its buffers.
     *
     * @param timeout the longest wait
     * @return true when all had closed in time
     */
    public static boolean awaitClosed(Duration timeout) {
        CompletableFuture<?>[] pending;
        synchronized (RedisConnections.class) {
            pending = CLOSING.toArray(CompletableFuture<?>[]::new);
        }
        try {
            CompletableFuture.allOf(pending).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void notSupported(int value, String keyPath) {
        if (value != 0) {
            throw new InvalidSpecException(keyPath, "not supported yet: Gatehouse multiplexes its own connections "
                    + "to a Redis server (one per event loop); leave it unset or 0");
        }
    }

    private static void positive(Duration d, String keyPath) {
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSpecException(keyPath, "must be positive");
        }
    }
}
