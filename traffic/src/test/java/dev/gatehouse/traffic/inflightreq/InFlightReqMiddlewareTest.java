package dev.gatehouse.traffic.inflightreq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.net.IpStrategySpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.source.SourceCriterionSpec;
import dev.gatehouse.traffic.testing.Collected;
import dev.gatehouse.traffic.testing.Exchanges;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InFlightReqMiddlewareTest {
    private final List<HttpResponse> pending = new ArrayList<>();

    private Middleware build(InFlightReqSpec spec) {
        return new InFlightReqFactory().create(spec, new FakeBuildContext());
    }

    private HttpResponse start(Middleware m, RequestContext ctx, HttpRequest req) {
        return m.handle(ctx, req, (c, r) -> {
            HttpResponse p = HttpResponse.pending();
            pending.add(p);
            return p;
        });
    }

    private static HttpRequest forHost(String host) {
        HttpRequest r = Exchanges.get();
        r.authority(host);
        return r;
    }

    @Test
    void overTheAmountIsRefusedUntilAnExchangeEnds() {
        Middleware m = build(new InFlightReqSpec(2L, null));
        RequestContext a = Exchanges.ctx();
        RequestContext b = Exchanges.ctx();
        start(m, a, forHost("example.com"));
        start(m, b, forHost("example.com"));
        HttpResponse refused = start(m, Exchanges.ctx(), forHost("example.com"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Collected.text(refused.body())).isEqualTo("max connections reached: 2");
        assertThat(pending).hasSize(2);

        // A response being ready is not the end of the exchange: the body may still stream.
        pending.get(0).complete(200, new io.netty.handler.codec.http.DefaultHttpHeaders(),
                dev.gatehouse.core.Body.empty());
        assertThat(start(m, Exchanges.ctx(), forHost("example.com")).status()).isEqualTo(429);

        a.complete();
        RequestContext c = Exchanges.ctx();
        HttpResponse third = start(m, c, forHost("example.com"));
        assertThat(third.isReady()).as("admitted, waiting on its upstream").isFalse();
        b.complete();
        c.complete();
    }

    @Test
    void defaultCriterionIsTheRequestHost() {
        Middleware m = build(new InFlightReqSpec(1L, null));
        RequestContext a = Exchanges.ctx();
        start(m, a, forHost("a.example"));
        assertThat(start(m, Exchanges.ctx(), forHost("b.example")).isReady()).isFalse();
        assertThat(start(m, Exchanges.ctx(), forHost("a.example")).status()).isEqualTo(429);
    }

    @Test
    void ipCriterion() {
        Middleware m = build(new InFlightReqSpec(1L,
                new SourceCriterionSpec(new IpStrategySpec(null, null, null), null, null)));
        start(m, Exchanges.ctx("10.0.0.1"), forHost("a.example"));
        assertThat(start(m, Exchanges.ctx("10.0.0.2"), forHost("a.example")).isReady()).isFalse();
        assertThat(start(m, Exchanges.ctx("10.0.0.1"), forHost("b.example")).status()).isEqualTo(429);
    }

    @Test
    void countersAreDroppedAtZero() {
        InFlightCounters counters = new InFlightCounters(3);
        AtomicLong s1 = counters.tryAcquire("k");
        AtomicLong s2 = counters.tryAcquire("k");
        assertThat(counters.inFlight("k")).isEqualTo(2);
        counters.release("k", s1);
        counters.release("k", s2);
        assertThat(counters.sources()).isZero();
        assertThat(counters.tryAcquire("k")).isNotNull();
        assertThat(counters.inFlight("k")).isEqualTo(1);
    }

    @Test
    void concurrentAcquireAndReleaseKeepTheCap() throws Exception {
        InFlightCounters counters = new InFlightCounters(4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger worst = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 20_000; i++) {
                    AtomicLong slot = counters.tryAcquire("k");
                    if (slot != null) {
                        worst.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                        counters.release("k", slot);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(worst.get()).isBetween(1, 4);
        assertThat(counters.sources()).isZero();
    }

    @Test
    void amountMustBePositive() {
        assertThatThrownBy(() -> build(new InFlightReqSpec(null, null)))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("amount");
    }

    @Test
    void reloadKeepsInProgressCounts() {
        FakeBuildContext ctx = new FakeBuildContext();
        Middleware first = new InFlightReqFactory().create(new InFlightReqSpec(1L, null), ctx);
        start(first, Exchanges.ctx(), forHost("a.example"));
        Middleware reloaded = new InFlightReqFactory().create(new InFlightReqSpec(1L, null), ctx);
        assertThat(start(reloaded, Exchanges.ctx(), forHost("a.example")).status()).isEqualTo(429);
    }
}
