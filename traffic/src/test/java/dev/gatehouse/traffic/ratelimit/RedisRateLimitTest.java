package dev.gatehouse.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisMonitor;
import dev.gatehouse.testing.RedisServer;
import dev.gatehouse.traffic.internal.Scheduler;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import dev.gatehouse.traffic.testing.LoopExchanges;
import dev.gatehouse.traffic.testing.RecordingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** rateLimit with {@code redis}, against a real redis-server. */
class RedisRateLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private RedisServer redis;
    private LoopExchanges exchanges;
    private final List<FakeBuildContext> contexts = new ArrayList<>();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<LogRecord> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            logs.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        exchanges = new LoopExchanges();
        Logger.getLogger(StoreHealth.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(StoreHealth.class.getName()).removeHandler(capture);
        contexts.forEach(FakeBuildContext::closeAll);
        exchanges.close();
        redis.close();
    }

    private Middleware build(String name, long average, Duration period, long burst, FailureMode mode) {
        RedisSpec r = new RedisSpec(List.of(redis.endpoint()), null, null, null, null, null, null, null,
                Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1));
        FakeBuildContext ctx = new FakeBuildContext().with(name, metrics);
        contexts.add(ctx);
        Middleware m = new RateLimitFactory(System::nanoTime, Scheduler.EVENT_LOOP)
                .create(new RateLimitSpec(average, period, burst, null, r, mode), ctx);
        Eventually.await(WAIT, "redis decides", () -> decidedByRedis(m, name, "198.51.100.1"));
        synchronized (capture) {
            logs.clear();
        }
        return m;
    }

    /** Sends one request; true when it passed and Redis, not the fallback, decided it. */
    private boolean decidedByRedis(Middleware m, String name, String ip) {
        long before = metrics.count(StoreHealth.FALLBACK_METRIC, name);
        return exchanges.send(m, ip).status() == 200 && metrics.count(StoreHealth.FALLBACK_METRIC, name) == before;
    }

    private List<String> trace(Middleware m, String ip, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse r = exchanges.send(m, ip);
            out.add(r.status() + " limit=" + r.headers().get(LimitHeaders.LIMIT)
                    + " remaining=" + r.headers().get(LimitHeaders.REMAINING)
                    + " reset=" + r.headers().get(LimitHeaders.RESET)
                    + " retryAfter=" + r.headers().get("Retry-After"));
        }
        return out;
    }

    @Test
    void sameAnswersAsTheInProcessBuckets() {
        Middleware shared = build("rl@test", 1, Duration.ofMinutes(1), 3, null);
        Middleware local = new RateLimitFactory().create(new RateLimitSpec(1L, Duration.ofMinutes(1), 3L, null,
                null, null), new FakeBuildContext());
        List<String> expected = List.of(
                "200 limit=3 remaining=2 reset=60 retryAfter=null",
                "200 limit=3 remaining=1 reset=120 retryAfter=null",
                "200 limit=3 remaining=0 reset=180 retryAfter=null",
                "429 limit=3 remaining=0 reset=180 retryAfter=60");
        assertThat(trace(local, "10.0.0.7", 4)).isEqualTo(expected);
        assertThat(trace(shared, "10.0.0.7", 4)).isEqualTo(expected);
    }

    @Test
    void twoMiddlewaresOnOneRedisShareTheBucket() {
        Middleware a = build("shared@test", 1, Duration.ofMinutes(1), 3, null);
        Middleware b = build("shared@test", 1, Duration.ofMinutes(1), 3, null);
        assertThat(exchanges.send(a, "10.0.0.8").status()).isEqualTo(200);
        assertThat(exchanges.send(b, "10.0.0.8").status()).isEqualTo(200);
        HttpResponse third = exchanges.send(a, "10.0.0.8");
        assertThat(third.headers().get(LimitHeaders.REMAINING)).isEqualTo("0");
        assertThat(exchanges.send(b, "10.0.0.8").status()).isEqualTo(429);
        assertThat(exchanges.send(b, "10.0.0.9").status()).as("another source").isEqualTo(200);
    }

    @Test
    void oneRoundTripPerRequestAndKeysExpire() {
        Middleware m = build("rt@test", 5, Duration.ofSeconds(10), 2, null);
        int n = 20;
        try (RedisMonitor monitor = RedisMonitor.start(redis.port())) {
            for (int i = 0; i < n; i++) {
                exchanges.send(m, "10.0.1." + (i % 4));
            }
            monitor.awaitClientCommands(n, WAIT);
            assertThat(monitor.clientCommands()).as("one EVALSHA per request, nothing else").hasSize(n)
                    .allMatch("evalsha"::equals);
        }
        // SET and GET run inside the script and are not separate round trips.
        String pttl = redis.command("PTTL gatehouse:ratelimit:{rt@test}:10.0.1.0");
        long ms = Long.parseLong(pttl.substring(1));
        assertThat(ms).as("expires once the bucket is full again (2 tokens of 2s)").isBetween(1L, 4_001L);
    }

    @Test
    void failureModeOpenFallsBackToTheLocalLimitAndComesBack() {
        Middleware m = build("open@test", 1, Duration.ofMinutes(1), 2, null);
        long base = metrics.count(StoreHealth.FALLBACK_METRIC, "open@test");
        redis.stop();
        List<String> down = trace(m, "10.0.2.1", 3);
        assertThat(down).extracting(s -> s.substring(0, 3)).containsExactly("200", "200", "429");
        assertThat(down.get(1)).contains("remaining=0");
        assertThat(metrics.count(StoreHealth.FALLBACK_METRIC, "open@test") - base).isEqualTo(3);
        assertThat(warnings()).as("one line per transition").hasSize(1);
        assertThat(warnings().getFirst().getParameters()[2].toString()).contains("in-process");

        redis.restart();
        AtomicInteger probe = new AtomicInteger();
        Eventually.await(WAIT, "back on redis",
                () -> decidedByRedis(m, "open@test", "10.0.6." + probe.incrementAndGet()));
        long fallbacks = metrics.count(StoreHealth.FALLBACK_METRIC, "open@test");
        assertThat(exchanges.send(m, "10.0.2.1").status()).as("redis has its own bucket for it").isEqualTo(200);
        assertThat(metrics.count(StoreHealth.FALLBACK_METRIC, "open@test")).isEqualTo(fallbacks);
        synchronized (capture) {
            assertThat(logs).filteredOn(r -> r.getLevel() == Level.INFO).hasSize(1);
        }
    }

    @Test
    void slowRedisIsBoundedByTheTimeoutsThenFallsBack() {
        Middleware m = build("slow@test", 1, Duration.ofMinutes(1), 2, null);
        long base = metrics.count(StoreHealth.FALLBACK_METRIC, "slow@test");
        // Redis stops processing commands: the call must time out (300ms write + 300ms read), not hang.
        assertThat(redis.command("CLIENT PAUSE 2000 ALL")).isEqualTo("+OK");
        long started = System.nanoTime();
        HttpResponse r = exchanges.send(m, "10.0.4.1");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get(LimitHeaders.REMAINING)).isEqualTo("1");
        assertThat(metrics.count(StoreHealth.FALLBACK_METRIC, "slow@test") - base).isEqualTo(1);
        assertThat(tookMillis).as("bounded by writeTimeout + readTimeout, not the 2s pause").isBetween(500L, 1_900L);
        // The pause ends by itself (an UNPAUSE would wait behind it too). Commands that timed out still run
        // once it ends, so each probe uses a fresh source.
        AtomicInteger probe = new AtomicInteger();
        Eventually.await(WAIT, "back on redis",
                () -> decidedByRedis(m, "slow@test", "10.0.5." + probe.incrementAndGet()));
    }

    @Test
    void failureModeClosedRefusesWith503() {
        Middleware m = build("closed@test", 100, Duration.ofSeconds(1), 100, FailureMode.CLOSED);
        redis.stop();
        assertThat(exchanges.send(m, "10.0.3.1").status()).isEqualTo(503);
        assertThat(exchanges.send(m, "10.0.3.1").status()).isEqualTo(503);
        assertThat(metrics.count(StoreHealth.FALLBACK_METRIC, "closed@test")).as("no fallback when closed").isZero();
        assertThat(warnings()).hasSize(1);
        redis.restart();
        Eventually.await(WAIT, "served again", () -> exchanges.send(m, "10.0.3.1").status() == 200);
    }

    private List<LogRecord> warnings() {
        synchronized (capture) {
            return logs.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        }
    }
}
