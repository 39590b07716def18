package dev.gatehouse.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Lettuce client and its single multiplexed connection: on a given event loop (a gateway worker loop, with
 * resources of its own that this lane shuts down), or on Lettuce's own threads (the shared resources) when
 * {@code loop} is null. The first connect is retried in the background until it
 * succeeds; after that Lettuce's auto-reconnect takes over (on the same loop).
 */
final class Lane {
    private static final Logger LOG = Logger.getLogger(SharedClient.class.getName());
    private static final long FIRST_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final EventLoop loop;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String endpoint;
    /** Only one lane of a shared client logs, so a gateway with many loops logs each event once. */
    private final boolean reports;
    private volatile RedisAsyncCommands<byte[], byte[]> commands;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile boolean shutdown;
    /** A flush task is queued on the loop; touched on the loop only. */
    private boolean flushPending;
    private final Runnable flush = this::flush;

    Lane(EventLoop loop, ClientResources resources, RedisURI uri, String endpoint, boolean reports) {
        this.loop = loop;
        this.resources = resources;
        this.uri = uri;
        this.endpoint = endpoint;
        this.reports = reports;
        this.client = RedisClient.create(resources, uri);
    }

    RedisClient client() {
        return client;
    }

    /** @return true when the calling thread is this lane's loop */
    boolean onLoop() {
        return loop != null && loop.inEventLoop();
    }

    boolean isConnected() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        return c != null && c.isOpen();
    }

    /**
     * Sends a command from this lane's own loop. On a loop lane the command is only queued: one flush, run as a
     * task once the loop has handled the I/O at hand, writes every command queued meanwhile in one write (the
     * requests one read brought in share a syscall, and Redis reads them in one go too).
     */
    <T> RedisFuture<T> sendOnLoop(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c == null || !c.isOpen()) {
            return null;
        }
        RedisFuture<T> f = command.apply(commands);
        if (!flushPending) {
            flushPending = true;
            loop.execute(flush);
        }
        return f;
    }

    /** Sends a command from any other thread, flushed at once. */
    <T> RedisFuture<T> sendFromElsewhere(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c == null || !c.isOpen()) {
            return null;
        }
        RedisFuture<T> f = command.apply(commands);
        if (loop != null) {
            c.flushCommands();
        }
        return f;
    }

    private void flush() {
        flushPending = false;
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            c.flushCommands();
        }
    }

    void start() {
        connect(FIRST_RETRY_MILLIS);
    }

    CompletableFuture<Void> shutdown() {
        shutdown = true;
        // The client closes its connection itself.
        connection = null;
        commands = null;
        CompletableFuture<Void> closed = client.shutdownAsync(0, 2, TimeUnit.SECONDS);
        if (loop == null) {
            return closed;
        }
        // This lane's own resources (see LettuceResources.onLoop); the shared pools and the loop stay up.
        return closed.handle((v, e) -> null).thenCompose(v -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
            return done;
        });
    }

    private void connect(long retryMillis) {
        if (shutdown) {
            return;
        }
        client.connectAsync(ByteArrayCodec.INSTANCE, uri).whenComplete((c, e) -> {
            if (e == null) {
                connected(c);
                return;
            }
            if (retryMillis == FIRST_RETRY_MILLIS && reports) {
                // Once, not per retry; the cause names the endpoint, never the password.
                LOG.log(Level.WARNING, "redis at {0} is unreachable, retrying in the background: {1}",
                        new Object[] {endpoint, rootMessage(e)});
            }
            if (!shutdown) {
                resources.eventExecutorGroup().schedule(() -> connect(Math.min(retryMillis * 2, MAX_RETRY_MILLIS)),
                        retryMillis, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void connected(StatefulRedisConnection<byte[], byte[]> c) {
        if (shutdown) {
            c.closeAsync();
            return;
        }
        if (loop != null) {
            // Commands sent on the loop are flushed together (see sendOnLoop).
            c.setAutoFlushCommands(false);
        }
        commands = c.async();
        connection = c;
        if (reports) {
            LOG.log(Level.INFO, "redis at {0} connected", endpoint);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
