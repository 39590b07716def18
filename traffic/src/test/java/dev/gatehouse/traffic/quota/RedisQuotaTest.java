package dev.gatehouse.traffic.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisMonitor;
import dev.gatehouse.testing.RedisServer;
import dev.gatehouse.traffic.ratelimit.FailureMode;
import dev.gatehouse.traffic.ratelimit.LimitHeaders;
import dev.gatehouse.traffic.ratelimit.StoreHealth;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import dev.gatehouse.traffic.testing.LoopExchanges;
import dev.gatehouse.traffic.testing.RecordingMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** quota counted in a real redis-server. */
class RedisQuotaTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Instant START = Instant.parse("2030-01-15T10:00:30Z");

    private final AtomicLong now = new AtomicLong(START.toEpochMilli());
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<FakeBuildContext> contexts = new ArrayList<>();
    private RedisServer redis;
    private LoopExchanges exchanges;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        exchanges = new LoopExchanges();
    }

    @AfterEach
    void stop() {
        contexts.forEach(FakeBuildContext::closeAll);
        exchanges.close();
        redis.close();
    }

    private Middleware build(String name, long limit, QuotaPeriod period, FailureMode mode) {
        RedisSpec r = new RedisSpec(List.of(redis.endpoint()), null, null, null, null, null, null, null,
                Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1));
        FakeBuildContext ctx = new FakeBuildContext().with(name, metrics);
        contexts.add(ctx);
        Middleware m = new QuotaFactory(now::get).create(new QuotaSpec(limit, period, null, r, mode), ctx);
        // Wait until Redis (not the in-process fallback) answers, on a source the test never uses.
        Eventually.await(WAIT, "redis decides", () -> {
            long before = metrics.count(StoreHealth.FALLBACK_METRIC, name);
            return exchanges.send(m, "198.51.100.1").status() == 200
                    && metrics.count(StoreHealth.FALLBACK_METRIC, name) == before;
        });
        return m;
    }

    @Test
    void twoGatewaysShareTheWindowInOneRoundTripEach() {
        Middleware a = build("q@test", 3, QuotaPeriod.HOUR, null);
        Middleware b = build("q@test", 3, QuotaPeriod.HOUR, null);
        try (RedisMonitor monitor = RedisMonitor.start(redis.port())) {
            HttpResponse first = exchanges.send(a, "10.0.0.1");
            assertThat(first.headers().get(LimitHeaders.REMAINING)).isEqualTo("2");
            assertThat(first.headers().get(LimitHeaders.RESET)).isEqualTo(Long.toString(3600 - 30));
            assertThat(exchanges.send(b, "10.0.0.1").headers().get(LimitHeaders.REMAINING)).isEqualTo("1");
            assertThat(exchanges.send(a, "10.0.0.1").headers().get(LimitHeaders.REMAINING)).isEqualTo("0");
            HttpResponse refused = exchanges.send(b, "10.0.0.1");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.headers().get("Retry-After")).isEqualTo(Long.toString(3600 - 30));
            monitor.awaitClientCommands(4, WAIT);
            assertThat(monitor.clientCommands()).hasSize(4).allMatch("evalsha"::equals);
        }
        long windowStart = START.getEpochSecond() - 30;
        String ttl = redis.command("TTL gatehouse:quota:{q@test}:" + windowStart + ":10.0.0.1");
        long expected = windowStart + 3600 + 60 - Instant.now().getEpochSecond();
        assertThat(Long.parseLong(ttl.substring(1))).as("EXPIREAT the window's end plus a minute")
                .isBetween(expected - 5, expected + 1);

        now.addAndGet(3600_000);
        assertThat(exchanges.send(a, "10.0.0.1").status()).as("the next hour starts afresh").isEqualTo(200);
    }

    @Test
    void failureModes() {
        Middleware open = build("qo@test", 1, QuotaPeriod.DAY, null);
        Middleware closed = build("qc@test", 1, QuotaPeriod.DAY, FailureMode.CLOSED);
        long base = metrics.count(StoreHealth.FALLBACK_METRIC, "qo@test");
        redis.stop();
        assertThat(exchanges.send(open, "10.0.0.5").status()).isEqualTo(200);
        assertThat(exchanges.send(open, "10.0.0.5").status()).as("the local quota applies").isEqualTo(429);
        assertThat(metrics.count(StoreHealth.FALLBACK_METRIC, "qo@test") - base).isEqualTo(2);
        assertThat(exchanges.send(closed, "10.0.0.5").status()).isEqualTo(503);
        redis.restart();
        Eventually.await(WAIT, "closed quota served again", () -> exchanges.send(closed, "10.0.0.6").status() == 200);
    }
}
