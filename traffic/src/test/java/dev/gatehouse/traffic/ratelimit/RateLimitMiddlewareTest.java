package dev.gatehouse.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.source.SourceCriterionSpec;
import dev.gatehouse.traffic.testing.Collected;
import dev.gatehouse.traffic.testing.Exchanges;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import dev.gatehouse.traffic.testing.FakeScheduler;
import dev.gatehouse.traffic.testing.TestClock;
import java.time.Duration;
import dev.gatehouse.redis.RedisSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitMiddlewareTest {
    private final TestClock clock = new TestClock();
    private final FakeScheduler scheduler = new FakeScheduler(true);
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpHandler ok = (c, r) -> {
        calls.incrementAndGet();
        return HttpResponse.of(200);
    };

    private Middleware build(RateLimitSpec spec, FakeBuildContext ctx) {
        return new RateLimitFactory(clock, scheduler).create(spec, ctx);
    }

    private Middleware build(long average, Duration period, long burst) {
        return build(new RateLimitSpec(average, period, burst, null, null, null), new FakeBuildContext());
    }

    private HttpResponse send(Middleware m, String ip) {
        RequestContext ctx = Exchanges.ctx(ip);
        HttpResponse r = m.handle(ctx, Exchanges.get(), ok);
        ctx.complete();
        return r;
    }

    @Test
    void averageZeroMeansNoLimit() {
        Middleware m = build(0, null, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(send(m, "10.0.0.1").status()).isEqualTo(200);
        }
        assertThat(send(m, "10.0.0.1").headers().contains(LimitHeaders.LIMIT)).isFalse();
    }

    @Test
    void burstThenRefuseWithTraefikBodyAndHeaders() {
        // 100 req/s: one token per 10ms; Traefik smooths at most half of that (5ms).
        Middleware m = build(100, null, 3);
        for (int i = 0; i < 3; i++) {
            HttpResponse r = send(m, "10.0.0.1");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get(LimitHeaders.LIMIT)).isEqualTo("3");
            assertThat(r.headers().get(LimitHeaders.REMAINING)).isEqualTo(Integer.toString(2 - i));
        }
        HttpResponse refused = send(m, "10.0.0.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Collected.text(refused.body())).isEqualTo("Too Many Requests");
        assertThat(refused.headers().get("Retry-After")).isEqualTo("1");
        assertThat(refused.headers().get("X-Retry-In")).isEqualTo("10ms");
        assertThat(refused.headers().get(LimitHeaders.REMAINING)).isEqualTo("0");
        assertThat(refused.headers().get(LimitHeaders.RESET)).isEqualTo("1");
        assertThat(calls).hasValue(3);

        clock.advanceMillis(10);
        assertThat(send(m, "10.0.0.1").status()).isEqualTo(200);
        assertThat(send(m, "10.0.0.2").status()).as("another source has its own bucket").isEqualTo(200);
    }

    @Test
    void smallExcessIsDelayedNotRefused() {
        // 1 req/s, burst 1: Traefik waits up to 500ms for the next token.
        FakeScheduler held = new FakeScheduler(false);
        Middleware m2 = new RateLimitFactory(clock, held).create(new RateLimitSpec(1L, Duration.ofSeconds(1), 1L,
                null, null, null), new FakeBuildContext());
        assertThat(send(m2, "10.0.0.1").status()).isEqualTo(200);
        clock.advanceMillis(600);
        RequestContext ctx = Exchanges.ctx("10.0.0.1");
        HttpResponse delayed = m2.handle(ctx, Exchanges.get(), ok);
        assertThat(delayed.isReady()).isFalse();
        assertThat(held.delays()).containsExactly(400_000_000L);
        held.runQueued();
        assertThat(delayed.isReady()).isTrue();
        assertThat(delayed.status()).isEqualTo(200);
        assertThat(delayed.headers().get(LimitHeaders.REMAINING)).isEqualTo("0");
        ctx.complete();

        HttpResponse refused = send(m2, "10.0.0.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("2");
        assertThat(refused.headers().get("X-Retry-In")).isEqualTo("1.4s");
    }

    @Test
    void delayedRequestIsCancelledWhenTheExchangeEnds() {
        FakeScheduler held = new FakeScheduler(false);
        Middleware m = new RateLimitFactory(clock, held).create(new RateLimitSpec(1L, null, 1L, null, null, null),
                new FakeBuildContext());
        send(m, "10.0.0.1");
        clock.advanceMillis(700);
        RequestContext ctx = Exchanges.ctx("10.0.0.1");
        HttpResponse delayed = m.handle(ctx, Exchanges.get(), ok);
        ctx.complete();
        assertThat(held.cancelled()).isEqualTo(1);
        assertThat(delayed.isReady()).isFalse();
        assertThat(calls).hasValue(1);
    }

    @Test
    void slowRatesUseAPeriod() {
        // 5 per 10s = one token every 2s; burst 2.
        Middleware m = build(5, Duration.ofSeconds(10), 2);
        assertThat(send(m, "ip").status()).isEqualTo(200);
        assertThat(send(m, "ip").status()).isEqualTo(200);
        HttpResponse refused = send(m, "ip");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("2");
        assertThat(refused.headers().get(LimitHeaders.RESET)).isEqualTo("4");
        clock.advanceMillis(1_600);
        assertThat(send(m, "ip").status()).as("0.4s early is within the 0.5s smoothing").isEqualTo(200);
    }

    @Test
    void headerCriterionGroupsByHeader() {
        Middleware m = build(new RateLimitSpec(1L, null, 1L, new SourceCriterionSpec(null, "X-Key", null), null, null),
                new FakeBuildContext());
        RequestContext ctx = Exchanges.ctx("10.0.0.1");
        assertThat(m.handle(ctx, Exchanges.get("X-Key", "a"), ok).status()).isEqualTo(200);
        assertThat(m.handle(Exchanges.ctx("10.0.0.2"), Exchanges.get("X-Key", "a"), ok).status()).isEqualTo(429);
        assertThat(m.handle(ctx, Exchanges.get("X-Key", "b"), ok).status()).isEqualTo(200);
    }

    @Test
    void reloadWithTheSameSpecKeepsTheBuckets() {
        FakeBuildContext ctx = new FakeBuildContext();
        RateLimitSpec spec = new RateLimitSpec(1L, Duration.ofMinutes(1), 2L, null, null, null);
        Middleware first = build(spec, ctx);
        assertThat(send(first, "ip").status()).isEqualTo(200);
        assertThat(send(first, "ip").status()).isEqualTo(200);

        Middleware reloaded = build(new RateLimitSpec(1L, Duration.ofMinutes(1), 2L, null, null, null), ctx);
        assertThat(reloaded).isNotSameAs(first);
        assertThat(send(reloaded, "ip").status()).as("counters survived the reload").isEqualTo(429);
        assertThat(ctx.created()).isEqualTo(1);

        Middleware changed = build(new RateLimitSpec(1L, Duration.ofMinutes(1), 3L, null, null, null), ctx);
        assertThat(send(changed, "ip").status()).as("a changed spec starts afresh").isEqualTo(200);
        assertThat(ctx.closed()).isEqualTo(1);
    }

    @Test
    void invalidSpecs() {
        assertThatThrownBy(() -> build(1, Duration.ofSeconds(-1), 1))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("negative value not valid");
        assertThatThrownBy(() -> build(new RateLimitSpec(1L, null, 1L, null,
                new RedisSpec(List.of("a:1", "b:2"), null, null, null, null, null, null, null, null, null, null), null),
                new FakeBuildContext()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not supported yet")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("redis.endpoints");
        assertThatThrownBy(() -> build(new RateLimitSpec(1L, null, 1L, null, null, FailureMode.CLOSED),
                new FakeBuildContext()))
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("failureMode");
    }

    @Test
    void burstBelowOneMeansOne() {
        Middleware m = build(1, Duration.ofHours(1), 0);
        assertThat(send(m, "ip").status()).isEqualTo(200);
        assertThat(send(m, "ip").status()).isEqualTo(429);
    }
}
