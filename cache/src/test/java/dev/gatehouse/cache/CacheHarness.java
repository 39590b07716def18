package dev.gatehouse.cache;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.redis.RedisSpec;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A cache middleware on a hand-moved clock in front of a scripted backend. */
final class CacheHarness {
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final ScriptedBackend backend;
    final Middleware cache;

    /** A response as the client got it: status, fields and content read to the end. */
    record Result(int status, HttpHeaders headers, String body) {
        String cacheStatus() {
            return headers.get("X-Cache-Status");
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    CacheHarness(ScriptedBackend backend) {
        this(backend, spec());
    }

    CacheHarness(ScriptedBackend backend, HttpCacheSpec spec) {
        this.backend = backend;
        this.cache = new HttpCacheFactory(clock).create(spec, TestBuildContext.simple());
    }

    static HttpCacheSpec spec() {
        return new HttpCacheSpec(null, null, null, null, null, null, null);
    }

    static HttpCacheSpec spec(Long maxSize, Long maxEntrySize, Duration defaultTtl, List<Integer> codes,
                              Boolean storeSetCookie, List<String> keyHeaders, RedisSpec redis) {
        return new HttpCacheSpec(maxSize, maxEntrySize, defaultTtl, codes, storeSetCookie, keyHeaders, redis);
    }

    /** @return the HTTP-date of the clock now plus an offset */
    String date(Duration offset) {
        return DateFormatter.format(new Date(clock.millis() + offset.toMillis()));
    }

    String now() {
        return date(Duration.ZERO);
    }

    Result get(String target, String... headers) {
        return send("GET", target, headers);
    }

    Result send(String method, String target, String... headers) {
        Exchange ex = Exchange.of(method, target);
        for (int i = 0; i < headers.length; i += 2) {
            ex.header(headers[i], headers[i + 1]);
        }
        HttpResponse resp = cache.handle(ex.context(), ex.request(), backend);
        return read(resp);
    }

    static Result read(HttpResponse resp) {
        if (!resp.isReady()) {
            throw new AssertionError("response not ready");
        }
        StringBuilder out = new StringBuilder();
        Throwable[] failure = new Throwable[1];
        resp.body().aggregate(Integer.MAX_VALUE, (ByteBuf b, Throwable e) -> {
            if (b != null) {
                out.append(b.toString(StandardCharsets.UTF_8));
                b.release();
            }
            failure[0] = e;
        });
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        return new Result(resp.status(), resp.headers(), out.toString());
    }
}
