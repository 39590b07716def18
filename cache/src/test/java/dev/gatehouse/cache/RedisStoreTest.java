package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cache.internal.StoredResponse;
import dev.gatehouse.cache.internal.StoredResponseCodec;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisServer;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis store: two gateways share stored responses and invalidations through one real redis-server. */
class RedisStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static RedisServer redis;
    private final MutableClock clock = new MutableClock(CacheHarness.START);
    private final ScriptedBackend backend = new ScriptedBackend((req, n) -> req.method().name().equals("GET")
            ? Reply.of(200, "v" + n, "Cache-Control", "max-age=600", "Vary", "Accept-Language")
            : Reply.of(204, ""));
    private final List<AutoCloseable> built = new java.util.ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @AfterEach
    void flush() throws Exception {
        for (AutoCloseable c : built) {
            c.close();
        }
        redis.command("FLUSHALL");
    }

    /** A gateway's cache: its own build context and store resource, on the shared Redis. */
    private Middleware gateway() {
        RedisSpec spec = new RedisSpec(List.of(redis.endpoint()), null, null, null, null, null, null, null,
                Duration.ofMillis(500), null, Duration.ofSeconds(1));
        BuildContext ctx = new BuildContext() {
            @Override
            public String name() {
                return "cache@test";
            }

            @Override
            public Path baseDir() {
                return Path.of(".");
            }

            @Override
            public <R extends AutoCloseable> R resource(String key, Object s, Supplier<R> factory) {
                R r = factory.get();
                built.add(r);
                return r;
            }

            @Override
            public Middleware middleware(String reference) {
                throw new UnsupportedOperationException(reference);
            }

            @Override
            public Executor blockingExecutor() {
                return Runnable::run;
            }
        };
        Middleware m = new HttpCacheFactory(clock).create(
                CacheHarness.spec(null, null, null, null, null, null, spec), ctx);
        String probe = "/probe-" + built.size() + "-" + System.nanoTime();
        Eventually.await(WAIT, "a stored response read back through redis",
                () -> "HIT".equals(get(m, probe, "en").cacheStatus()));
        return m;
    }

    private static int countKeys() {
        return Integer.parseInt(redis.command("DBSIZE").substring(1));
    }

    private CacheHarness.Result get(Middleware m, String target, String lang) {
        return send(m, "GET", target, lang);
    }

    private CacheHarness.Result send(Middleware m, String method, String target, String lang) {
        Exchange ex = Exchange.of(method, target);
        ex.header("Accept-Language", lang);
        HttpResponse resp = m.handle(ex.context(), ex.request(), backend);
        Eventually.await(WAIT, "a response", resp::isReady);
        return CacheHarness.read(resp);
    }

    private void awaitStored(int keys) {
        Eventually.await(WAIT, keys + " keys in redis", () -> countKeys() >= keys);
    }

    @Test
    void aResponseStoredByOneGatewayIsAHitInAnother() {
        Middleware a = gateway();
        Middleware b = gateway();
        int before = countKeys();
        assertThat(get(a, "/r", "en").cacheStatus()).isEqualTo("MISS");
        awaitStored(before + 1);
        int calls = backend.calls();
        CacheHarness.Result hit = get(b, "/r", "en");
        assertThat(hit.cacheStatus()).isEqualTo("HIT");
        assertThat(hit.body()).isEqualTo(get(a, "/r", "en").body());
        assertThat(backend.calls()).isEqualTo(calls);
        String ttl = redis.command("PTTL \"" + HttpCacheFactory.REDIS_PREFIX + "GET http://example.com/r\"");
        assertThat(Long.parseLong(ttl.substring(1))).isBetween(1L, 600_000L);
    }

    @Test
    void variantsAreKeptApartInRedis_4_1() {
        Middleware a = gateway();
        get(a, "/v", "en");
        get(a, "/v", "fr");
        Eventually.await(WAIT, "both variants", () -> ":2".equals(
                redis.command("HLEN \"" + HttpCacheFactory.REDIS_PREFIX + "GET http://example.com/v\"")));
        assertThat(get(a, "/v", "en").cacheStatus()).isEqualTo("HIT");
        assertThat(get(a, "/v", "fr").cacheStatus()).isEqualTo("HIT");
        assertThat(get(a, "/v", "de").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void anUnsafeMethodInOneGatewayInvalidatesForAll_4_4() {
        Middleware a = gateway();
        Middleware b = gateway();
        int before = countKeys();
        get(a, "/i", "en");
        awaitStored(before + 1);
        assertThat(send(b, "DELETE", "/i", "en").cacheStatus()).isEqualTo("BYPASS");
        Eventually.await(WAIT, "the key deleted", () -> countKeys() == before);
        assertThat(get(a, "/i", "en").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void requestsAreServedWhileRedisIsDown() {
        Middleware a = gateway();
        redis.stop();
        try {
            CacheHarness.Result r = get(a, "/down", "en");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.cacheStatus()).isEqualTo("MISS");
        } finally {
            redis.restart();
        }
    }

    @Test
    void codecRoundTripsEveryPart() {
        Map<String, String> secondary = new HashMap<>();
        secondary.put("accept-language", "en");
        secondary.put("x-absent", null);
        StoredResponse r = new StoredResponse(203, new DefaultHttpHeaders().add("ETag", "\"é\"").add("X-Two", "1")
                .add("X-Two", "2"), new byte[] {0, 1, 2, (byte) 255}, 1000L, 2000L, secondary);
        StoredResponse back = StoredResponseCodec.decode(StoredResponseCodec.encode(r));
        assertThat(back.status()).isEqualTo(203);
        assertThat(back.headers().getAll("X-Two")).containsExactly("1", "2");
        assertThat(back.etag()).isEqualTo("\"é\"");
        assertThat(back.body()).containsExactly(0, 1, 2, 255);
        assertThat(back.requestTime()).isEqualTo(1000L);
        assertThat(back.responseTime()).isEqualTo(2000L);
        assertThat(back.secondaryKey()).isEqualTo(secondary);
    }
}
