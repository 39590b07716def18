package dev.gatehouse.traffic.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.testing.Collected;
import dev.gatehouse.traffic.testing.Exchanges;
import dev.gatehouse.traffic.testing.FakeBuildContext;
import dev.gatehouse.traffic.testing.FakeScheduler;
import dev.gatehouse.traffic.testing.TestClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryMiddlewareTest {
    private final FakeScheduler scheduler = new FakeScheduler(true);
    private final TestClock clock = new TestClock();
    private final List<Collected> bodies = new ArrayList<>();
    private final List<String> pathsSeen = new ArrayList<>();
    private final List<ByteBuf> failedBodies = new ArrayList<>();
    private int calls;

    private Middleware build(int attempts, Duration initial) {
        return new RetryFactory(scheduler, clock, () -> 0.5, 64).create(new RetrySpec(attempts, initial),
                new FakeBuildContext());
    }

    /** An upstream whose first {@code faulty} calls reach no server. */
    private HttpHandler upstream(int faulty) {
        return (ctx, req) -> {
            calls++;
            assertThat(ctx.get(StandardAttributes.UPSTREAM_NOT_REACHED)).as("cleared before each attempt").isNull();
            pathsSeen.add(req.path());
            req.path("/mutated-by-a-later-middleware");
            req.headers().add("X-Added", "1");
            bodies.add(Collected.from(req.body()));
            if (calls <= faulty) {
                ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, new ConnectException("refused"));
                ByteBuf b = Unpooled.copiedBuffer("bad gateway", StandardCharsets.UTF_8);
                failedBodies.add(b);
                return HttpResponse.of(502, new DefaultHttpHeaders(), Body.of(b));
            }
            return HttpResponse.text(200, "ok " + calls);
        };
    }

    private List<String> bodiesSeen() {
        return bodies.stream().map(Collected::text).toList();
    }

    private HttpResponse send(Middleware m, HttpRequest req, HttpHandler next) {
        RequestContext ctx = Exchanges.ctx();
        HttpResponse r = m.handle(ctx, req, next);
        assertThat(r.isReady()).isTrue();
        String body = Collected.text(r.body());
        assertThat(body).isNotNull();
        ctx.complete();
        return r;
    }

    /** Traefik's TestRetry table: attempts, faulty upstream calls, expected status, expected retries. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no retry on success|5|0|200|0",
        "no retry when max request attempts is one|1|1|502|0",
        "one retry when one server is faulty|2|1|200|1",
        "two retries when two servers are faulty|3|2|200|2",
        "max attempts exhausted delivers the 5xx response|3|3|502|2",
    })
    void traefikCases(String desc, int attempts, int faulty, int status, int retries) {
        for (Duration backoff : new Duration[] {null, Duration.ofNanos(50_000)}) {
            calls = 0;
            HttpResponse r = send(build(attempts, backoff), Exchanges.get(), upstream(faulty));
            assertThat(r.status()).isEqualTo(status);
            assertThat(calls - 1).isEqualTo(retries);
        }
        assertThat(failedBodies).allSatisfy(b -> assertThat(b.refCnt()).as("failed replies discarded").isZero());
    }

    @Test
    void aReplyOfAnyStatusIsFinal() {
        HttpResponse r = send(build(3, null), Exchanges.get(), (ctx, req) -> {
            calls++;
            return HttpResponse.text(502, "upstream said 502");
        });
        assertThat(r.status()).isEqualTo(502);
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void noServerAvailableIsNotRetried() {
        HttpResponse r = send(build(3, null), Exchanges.get(), (ctx, req) -> {
            calls++;
            ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, new IllegalStateException("no server"));
            return HttpResponse.text(503, "Service Unavailable");
        });
        assertThat(r.status()).isEqualTo(503);
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void eachAttemptGetsTheBodyAndTheOriginalRequest() {
        HttpRequest req = Exchanges.request(HttpMethod.POST, "/api", Body.of("test request body"));
        HttpResponse r = send(build(3, null), req, upstream(2));
        assertThat(r.status()).isEqualTo(200);
        assertThat(bodiesSeen()).containsExactly("test request body", "test request body", "test request body");
        assertThat(pathsSeen).containsExactly("/api", "/api", "/api");
        assertThat(req.headers().getAll("X-Added")).hasSize(1);
    }

    @Test
    void streamedBodyWithinTheBoundIsReplayed() {
        StreamBody body = new StreamBody(Flow.NONE, -1);
        body.push(Unpooled.copiedBuffer("part1-", StandardCharsets.UTF_8));
        body.push(Unpooled.copiedBuffer("part2", StandardCharsets.UTF_8));
        body.end(null);
        HttpResponse r = send(build(2, null), Exchanges.request(HttpMethod.PUT, "/", body), upstream(1));
        assertThat(r.status()).isEqualTo(200);
        assertThat(bodiesSeen()).containsExactly("part1-part2", "part1-part2");
    }

    @Test
    void bodiesOverTheBoundGetOneAttempt() {
        String big = "x".repeat(100);
        HttpResponse r = send(build(3, null), Exchanges.request(HttpMethod.POST, "/", Body.of(big)),
                upstream(1));
        assertThat(r.status()).isEqualTo(502);
        assertThat(bodiesSeen()).containsExactly(big);

        bodies.clear();
        calls = 0;
        StreamBody chunked = new StreamBody(Flow.NONE, -1);
        RequestContext ctx = Exchanges.ctx();
        HttpResponse[] out = new HttpResponse[1];
        out[0] = build(3, null).handle(ctx, Exchanges.request(HttpMethod.POST, "/", chunked), upstream(1));
        chunked.push(Unpooled.copiedBuffer("y".repeat(40), StandardCharsets.UTF_8));
        assertThat(out[0].isReady()).as("still within the bound: buffering").isFalse();
        chunked.push(Unpooled.copiedBuffer("z".repeat(40), StandardCharsets.UTF_8));
        chunked.end(null);
        assertThat(out[0].status()).isEqualTo(502);
        assertThat(bodiesSeen()).containsExactly("y".repeat(40) + "z".repeat(40));
        ctx.complete();
    }

    @Test
    void backoffFollowsTraefikProgression() {
        // 4 attempts, 100ms: the multiplier reaches 2x the initial interval at the last attempt.
        send(build(4, Duration.ofMillis(100)), Exchanges.get(), upstream(3));
        double m = Math.pow(2, 1.0 / 3);
        assertThat(scheduler.delays()).hasSize(3);
        assertThat(scheduler.delays().get(0)).isCloseTo(100_000_000L, org.assertj.core.data.Offset.offset(2L));
        assertThat(scheduler.delays().get(1)).isCloseTo((long) (100_000_000L * m),
                org.assertj.core.data.Offset.offset(2L));
        assertThat(scheduler.delays().get(2)).isCloseTo((long) (100_000_000L * m * m),
                org.assertj.core.data.Offset.offset(2L));
    }

    @Test
    void jitterSpansHalfToOneAndAHalfTimes() {
        Backoff low = new Backoff(100, 3, () -> 0.0, clock);
        Backoff high = new Backoff(100, 3, () -> 0.999_999, clock);
        assertThat(low.next()).isEqualTo(50);
        assertThat(high.next()).isEqualTo(150);
        assertThat(new Backoff(0, 3, () -> 0.5, clock).next()).isZero();
    }

    @Test
    void waitingAttemptIsCancelledWhenTheExchangeEnds() {
        FakeScheduler held = new FakeScheduler(false);
        Middleware m = new RetryFactory(held, clock, () -> 0.5, 64).create(
                new RetrySpec(3, Duration.ofSeconds(1)), new FakeBuildContext());
        RequestContext ctx = Exchanges.ctx();
        HttpResponse r = m.handle(ctx, Exchanges.request(HttpMethod.POST, "/", Body.of("abc")), upstream(5));
        assertThat(r.isReady()).isFalse();
        assertThat(held.queued()).isEqualTo(1);
        ctx.complete();
        assertThat(held.cancelled()).isEqualTo(1);
        assertThat(calls).isEqualTo(1);
    }

    @Test
    void attemptsMustBePositive() {
        assertThatThrownBy(() -> build(0, null)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("incorrect (or empty) value for attempt");
    }
}
