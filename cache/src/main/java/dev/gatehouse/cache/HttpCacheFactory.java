package dev.gatehouse.cache;

import dev.gatehouse.cache.internal.CacheExchange;
import dev.gatehouse.cache.internal.CacheKeys;
import dev.gatehouse.cache.internal.CacheSettings;
import dev.gatehouse.cache.internal.CacheStore;
import dev.gatehouse.cache.internal.Collapser;
import dev.gatehouse.cache.internal.Freshness;
import dev.gatehouse.cache.internal.MemoryStore;
import dev.gatehouse.cache.internal.RedisStore;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.redis.RedisConnections;
import dev.gatehouse.redis.RedisSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Builds {@code httpCache} middlewares; the store (in memory or Redis) is a resource, kept across reloads. */
public final class HttpCacheFactory implements MiddlewareFactory<HttpCacheSpec> {
    /** Default {@code maxSize}: 64 MiB. */
    static final long DEFAULT_MAX_SIZE = 64L << 20;
    /** Default {@code maxEntrySize}: 1 MiB. */
    static final long DEFAULT_MAX_ENTRY_SIZE = 1L << 20;
    /** The largest {@code maxEntrySize}: content is collected in one array. */
    static final long MAX_ENTRY_LIMIT = 1L << 30;

    /** Prepended to every Redis key the cache writes. */
    static final String REDIS_PREFIX = "gatehouse:httpcache:";

    private final Clock clock;

    /** What a Redis store depends on: another Redis or another default lifetime makes another store. */
    private record RedisStoreKey(RedisSpec redis, Duration defaultTtl) {
    }

    /** The factory the service loader finds, on the system clock. */
    public HttpCacheFactory() {
        this(Clock.systemUTC());
    }

    HttpCacheFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "httpCache";
    }

    @Override
    public Class<HttpCacheSpec> specType() {
        return HttpCacheSpec.class;
    }

    @Override
    public Middleware create(HttpCacheSpec spec, BuildContext ctx) {
        long maxSize = spec.maxSize() == null ? DEFAULT_MAX_SIZE : spec.maxSize();
        if (maxSize <= 0) {
            throw new InvalidSpecException("maxSize", "must be a positive number of bytes, got " + maxSize);
        }
        long maxEntry = spec.maxEntrySize() == null ? Math.min(DEFAULT_MAX_ENTRY_SIZE, maxSize) : spec.maxEntrySize();
        if (maxEntry <= 0 || maxEntry > maxSize || maxEntry > MAX_ENTRY_LIMIT) {
            throw new InvalidSpecException("maxEntrySize", "must be between 1 and maxSize (" + maxSize
                    + ") and at most " + MAX_ENTRY_LIMIT + " bytes, got " + maxEntry);
        }
        if (spec.defaultTtl() != null && spec.defaultTtl().isNegative()) {
            throw new InvalidSpecException("defaultTtl", "must not be negative");
        }
        Freshness freshness = new Freshness(spec.defaultTtl());
        CacheStore store;
        if (spec.redis() != null) {
            RedisSpec redis = RedisConnections.validate(spec.redis(), "redis");
            store = ctx.resource("store", new RedisStoreKey(redis, spec.defaultTtl()), () -> new RedisStore(
                    RedisConnections.acquire(redis, ctx.baseDir()), REDIS_PREFIX, freshness, clock));
        } else {
            store = ctx.resource("store", maxSize, () -> new MemoryStore(maxSize));
        }
        MetricsRegistry.Counter requests = ctx.metrics().counter("gatehouse_http_cache_requests_total",
                "Requests through httpCache middlewares, by what the cache did", "middleware", "cache_status");
        CacheSettings settings = new CacheSettings(store, new CacheKeys(keyHeaders(spec.keyHeaders())),
                freshness, (int) maxEntry, statusCodes(spec.cacheableStatusCodes()),
                Boolean.TRUE.equals(spec.storeSetCookie()), clock, new Collapser(Duration.ofMillis(CacheExchange.COLLAPSE_WAIT_MILLIS)), requests, ctx.name());
        return new HttpCacheMiddleware(settings);
    }

    private static Set<Integer> statusCodes(List<Integer> codes) {
        if (codes == null) {
            return null;
        }
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < codes.size(); i++) {
            Integer c = codes.get(i);
            if (c == null || c < 200 || c > 599 || c == 206 || c == 304) {
                throw new InvalidSpecException("cacheableStatusCodes[" + i + "]",
                        "must be a final status from 200 to 599, not 206 or 304, got " + c);
            }
            out.add(c);
        }
        return Set.copyOf(out);
    }

    private static List<String> keyHeaders(List<String> names) {
        List<String> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || n.isBlank() || !n.strip().chars().allMatch(HttpCacheFactory::tchar)) {
                throw new InvalidSpecException("keyHeaders[" + i + "]", "must be a header field name, got '" + n
                        + "'");
            }
            out.add(n.strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static boolean tchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
