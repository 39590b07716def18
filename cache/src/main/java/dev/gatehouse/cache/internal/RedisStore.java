package dev.gatehouse.cache.internal;

import dev.gatehouse.redis.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stored responses in Redis, shared by every gateway that names the same Redis and prefix. A primary key is one
 * Redis hash: a field per variant (its secondary key as text), the encoded response as value. Reads are one
 * {@code HGETALL}; a store is {@code HSET} plus {@code PEXPIRE}; invalidation is {@code DEL}. Nothing blocks:
 * replies complete on Lettuce's threads. When Redis cannot be reached, lookups fail (the cache then treats the
 * request as a miss) and writes are dropped.
 */
public final class RedisStore implements CacheStore {
    /** How long a stale response with validators is kept for revalidation past its freshness. */
    static final long REVALIDATION_RETENTION_MILLIS = Duration.ofDays(1).toMillis();

    private final RedisConnection redis;
    private final String prefix;
    private final Freshness freshness;
    private final Clock clock;

    /**
     * @param redis     the connection; closed with the store
     * @param prefix    prepended to every Redis key
     * @param freshness tells how long a response stays useful, which becomes its Redis expiry
     * @param clock     the clock
     */
    public RedisStore(RedisConnection redis, String prefix, Freshness freshness, Clock clock) {
        this.redis = redis;
        this.prefix = prefix;
        this.freshness = freshness;
        this.clock = clock;
    }

    private byte[] redisKey(String key) {
        return (prefix + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<List<StoredResponse>> variants(String key) {
        CompletableFuture<Map<byte[], byte[]>> reply = redis.call(c -> c.hgetall(redisKey(key)));
        return reply.thenApply(fields -> {
            List<StoredResponse> out = new ArrayList<>(fields.size());
            for (byte[] value : fields.values()) {
                try {
                    out.add(StoredResponseCodec.decode(value));
                } catch (IllegalArgumentException e) {
                    // Written by another version: skip it; a fresh fetch replaces it.
                }
            }
            out.sort(Comparator.comparingLong(StoredResponse::responseTime).reversed());
            return out;
        });
    }

    @Override
    public void store(String key, StoredResponse response) {
        byte[] k = redisKey(key);
        byte[] field = StoredResponseCodec.secondaryField(response.secondaryKey()).getBytes(StandardCharsets.UTF_8);
        byte[] value = StoredResponseCodec.encode(response);
        long ttl = expiry(response);
        redis.call(c -> c.hset(k, field, value))
                .thenCompose(ignored -> redis.call(c -> c.pexpire(k, ttl)));
    }

    /** Its remaining freshness, plus a day when it can be revalidated; at least a second. */
    long expiry(StoredResponse r) {
        long remaining = freshness.lifetime(r) - Freshness.currentAge(r, clock.millis());
        long ttl = Math.max(0, remaining) + (r.hasValidator() ? REVALIDATION_RETENTION_MILLIS : 0);
        return Math.max(1000, ttl);
    }

    @Override
    public void invalidate(String key) {
        byte[] k = redisKey(key);
        redis.call(c -> c.del(k));
    }

    @Override
    public void close() {
        redis.close();
    }
}
