package dev.gatehouse.traffic.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.ratelimit.LimitHeaders;
import dev.gatehouse.traffic.source.SourceCriterionSpec;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import dev.gatehouse.traffic.testing.LoopExchanges;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** quota counted in-process, with a wall clock the test moves. */
class QuotaMiddlewareTest {
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-06T21:05:30Z").toEpochMilli());
    private final LoopExchanges exchanges = new LoopExchanges();

    @AfterEach
    void stop() {
        exchanges.close();
    }

    private Middleware build(long limit, QuotaPeriod period, SourceCriterionSpec source) {
        return new QuotaFactory(now::get).create(new QuotaSpec(limit, period, source, null, null),
                new FakeBuildContext());
    }

    private String line(HttpResponse r) {
        return r.status() + " " + r.headers().get(LimitHeaders.LIMIT) + "/" + r.headers().get(LimitHeaders.REMAINING)
                + " reset=" + r.headers().get(LimitHeaders.RESET) + " retryAfter=" + r.headers().get("Retry-After");
    }

    @Test
    void limitPerCalendarMinuteWithHeaders() {
        Middleware m = build(3, QuotaPeriod.MINUTE, null);
        assertThat(line(exchanges.send(m, "10.0.0.1"))).isEqualTo("200 3/2 reset=30 retryAfter=null");
        assertThat(line(exchanges.send(m, "10.0.0.1"))).isEqualTo("200 3/1 reset=30 retryAfter=null");
        now.addAndGet(10_500);
        assertThat(line(exchanges.send(m, "10.0.0.1"))).isEqualTo("200 3/0 reset=20 retryAfter=null");
        assertThat(line(exchanges.send(m, "10.0.0.1"))).isEqualTo("429 3/0 reset=20 retryAfter=20");
        assertThat(exchanges.send(m, "10.0.0.2").status()).as("another source").isEqualTo(200);
        assertThat(exchanges.served()).isEqualTo(4);

        now.set(Instant.parse("2026-12-06T21:06:00Z").toEpochMilli());
        assertThat(line(exchanges.send(m, "10.0.0.1"))).as("a new minute starts afresh")
                .isEqualTo("200 3/2 reset=60 retryAfter=null");
    }

    @Test
    void monthlyQuotaPerConsumer() {
        Middleware m = build(1, QuotaPeriod.MONTH, new SourceCriterionSpec(null, null, null, true, null));
        Consumer alice = new Consumer("alice", List.of(), List.of(), Map.of(), "gold", "jwt");
        Consumer bob = new Consumer("bob", List.of(), List.of(), Map.of(), "gold", "jwt");
        HttpResponse first = exchanges.send(m, "10.0.0.1", alice);
        assertThat(first.status()).isEqualTo(200);
        // 2026-12-06T21:05:30Z to 2027-01-01T00:00:00Z
        assertThat(first.headers().get(LimitHeaders.RESET)).isEqualTo(Long.toString(25 * 86_400 + 2 * 3600 + 54 * 60 + 30));
        assertThat(exchanges.send(m, "10.0.0.2", alice).status()).as("same consumer, other IP").isEqualTo(429);
        assertThat(exchanges.send(m, "10.0.0.1", bob).status()).isEqualTo(200);
    }

    @Test
    void invalidSpecs() {
        assertThatThrownBy(() -> build(0, QuotaPeriod.DAY, null)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("limit");
        assertThatThrownBy(() -> new QuotaFactory(now::get).create(new QuotaSpec(5L, null, null, null, null),
                new FakeBuildContext())).extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("period");
        assertThatThrownBy(() -> new QuotaFactory(now::get).create(new QuotaSpec(5L, QuotaPeriod.DAY, null, null,
                dev.gatehouse.traffic.ratelimit.FailureMode.CLOSED), new FakeBuildContext()))
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("failureMode");
    }
}
