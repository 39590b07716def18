package dev.gatehouse.traffic.ratelimit;

import dev.gatehouse.redis.RedisConnection;
import dev.gatehouse.redis.RedisScript;
import io.lettuce.core.ScriptOutputType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The token buckets of {@link TokenBuckets}, kept in Redis so every gateway that shares the Redis shares the
 * limit. One {@code EVALSHA} per request runs {@code token-bucket.lua}, which reads, decides and writes atomically
 * with Redis's clock; a bucket's key expires by itself once the bucket is full again.
 */
final class RedisTokenBuckets implements SharedLimiter {
    static final RedisScript SCRIPT = RedisScript.fromResource(RedisTokenBuckets.class, "token-bucket.lua");
    private static final long MICRO = 1_000L;

    private final RedisConnection redis;
    private final String keyPrefix;
    /** The script's ARGV (interval, burst, longest hold), encoded once: the same for every request. */
    private final byte[][] args;

    /**
     * @param redis          the connection
     * @param middleware     the middleware's qualified name; buckets of different middlewares never mix
     * @param intervalNanos  one token's worth of time
     * @param burst          the bucket size
     * @param maxDelayNanos  the longest a request may be held
     */
    RedisTokenBuckets(RedisConnection redis, String middleware, long intervalNanos, long burst, long maxDelayNanos) {
        this.redis = redis;
        this.keyPrefix = "gatehouse:ratelimit:{" + middleware + "}:";
        this.args = new byte[][] {
            ascii(Math.max(1, intervalNanos / MICRO)), ascii(burst), ascii(maxDelayNanos / MICRO)};
    }

    @Override
    public CompletableFuture<Reservation> reserve(String source) {
        byte[][] keys = {(keyPrefix + source).getBytes(StandardCharsets.UTF_8)};
        CompletableFuture<List<Object>> reply = redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
        return reply.thenApply(RedisTokenBuckets::toReservation);
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    static Reservation toReservation(List<Object> reply) {
        if (reply == null || reply.size() != 4) {
            throw new IllegalStateException("unexpected reply from the token-bucket script: " + reply);
        }
        return new Reservation(number(reply.get(0)) == 1, number(reply.get(1)) * MICRO, number(reply.get(2)),
                number(reply.get(3)) * MICRO);
    }

    private static long number(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw new IllegalStateException("expected an integer from the token-bucket script, got " + o);
    }
}
