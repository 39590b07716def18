package dev.gatehouse.redis;

import dev.gatehouse.redis.internal.SharedClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One holder's use of a shared Redis connection (see {@link RedisConnections#acquire}). Every middleware that
 * names the same Redis holds its own {@code RedisConnection}; they all share one multiplexed Lettuce connection,
 * which is closed when the last holder closes. Keep it in {@code BuildContext.resource} so a reload keeps it.
 *
 * <p>Calls never block: each returns a future that Lettuce completes on the connection's I/O thread. When the
 * gateway's worker loops are on offer ({@link RedisEventLoops}) and the call is made on a worker loop, that is the
 * caller's own loop (check {@code inEventLoop()} before hopping); otherwise it is one of Lettuce's threads, and a
 * caller on an event loop must hop back to its loop. While Redis is unreachable, calls fail at once with
 * {@link RedisUnavailableException} (commands are not queued); a call that gets no reply within the spec's
 * {@code writeTimeout + readTimeout} fails with Lettuce's {@code RedisCommandTimeoutException}. The connection
 * reconnects by itself.
 */
public final class RedisConnection implements AutoCloseable {
    private final SharedClient shared;
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisConnection(SharedClient shared) {
        this.shared = shared;
    }

    /** @return true while the connection is up (a hint: it may drop at any moment) */
    public boolean isConnected() {
        return !closed.get() && shared.isConnected();
    }

    /**
     * Sends one command (or one pipeline-free call) on the shared connection.
     *
     * @param command issues the command, such as {@code c -> c.get(key)}
     * @param <T>     the reply type
     * @return the reply; failed with {@link RedisUnavailableException} while not connected
     */
    public <T> CompletableFuture<T> call(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RedisUnavailableException("redis is not connected"));
        }
        try {
            RedisFuture<T> sent = shared.send(command);
            return sent == null
                    ? CompletableFuture.failedFuture(new RedisUnavailableException("redis is not connected"))
                    : sent.toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs a script in one round trip: {@code EVALSHA}, and {@code EVAL} only when the server does not know the
     * script yet.
     *
     * @param script the script
     * @param type   how to read its result (Lettuce's output type)
     * @param keys   its {@code KEYS}
     * @param args   its {@code ARGV}
     * @param <T>    the result type
     * @return the result
     */
    public <T> CompletableFuture<T> eval(RedisScript script, ScriptOutputType type, String[] keys, String... args) {
        return eval(script, type, utf8(keys), utf8(args));
    }

    /**
     * Runs a script in one round trip, with keys and arguments already encoded (callers on the request path
     * encode their constant arguments once).
     *
     * @param script the script
     * @param type   how to read its result (Lettuce's output type)
     * @param keys   its {@code KEYS}, encoded; not modified
     * @param args   its {@code ARGV}, encoded; not modified
     * @param <T>    the result type
     * @return the result
     */
    public <T> CompletableFuture<T> eval(RedisScript script, ScriptOutputType type, byte[][] keys, byte[][] args) {
        CompletableFuture<T> first = call(c -> c.evalsha(script.sha(), type, keys, args));
        // One dependent future, not handle + thenCompose: this runs once per rate-limited request.
        CompletableFuture<T> out = new CompletableFuture<>();
        first.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(v);
            } else if (isNoScript(e)) {
                this.<T>call(c -> c.eval(script.source(), type, keys, args)).whenComplete((v2, e2) -> {
                    if (e2 == null) {
                        out.complete(v2);
                    } else {
                        out.completeExceptionally(e2);
                    }
                });
            } else {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /** Gives the connection back; the last holder's close closes it. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RedisConnections.release(shared);
        }
    }

    private static boolean isNoScript(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        return t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT");
    }

    private static byte[][] utf8(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
