package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.StandardAttributes;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 9111 §4.3 validation, §3.2 updating stored headers. */
class ValidationTest {
    private static final String LM = "Sat, 01 Mar 2025 00:00:00 GMT";

    @Test
    void staleEntryIsRevalidatedWithEtag_4_3_1() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"", "Last-Modified", LM)
                : Reply.of(304, "", "ETag", "\"v1\"", "Cache-Control", "max-age=10"));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result r = h.get("/a");
        assertThat(r.cacheStatus()).isEqualTo("REVALIDATED");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("body");
        assertThat(r.header("Age")).isEqualTo("0");
        assertThat(b.last().headers().get("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(b.last().headers().get("If-Modified-Since")).isEqualTo(LM);
        // The refreshed entry is fresh again.
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
        assertThat(b.calls()).isEqualTo(2);
    }

    @Test
    void staleEntryIsRevalidatedWithLastModified_4_3_1() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "Last-Modified", LM)
                : Reply.of(304, "", "Cache-Control", "max-age=10"));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        assertThat(h.get("/a").cacheStatus()).isEqualTo("REVALIDATED");
        assertThat(b.last().headers().get("If-Modified-Since")).isEqualTo(LM);
        assertThat(b.last().headers().contains("If-None-Match")).isFalse();
    }

    @Test
    void notModifiedRefreshesStoredHeaders_3_2() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"", "X-Version", "1")
                : Reply.of(304, "", "ETag", "\"v1\"", "Cache-Control", "max-age=100", "X-Version", "2",
                        "Content-Length", "999"));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result r = h.get("/a");
        assertThat(r.header("X-Version")).isEqualTo("2");
        assertThat(r.header("Content-Length")).isEqualTo("4");
        h.clock.advance(Duration.ofSeconds(50));
        CacheHarness.Result later = h.get("/a");
        assertThat(later.cacheStatus()).isEqualTo("HIT");
        assertThat(later.header("Cache-Control")).isEqualTo("max-age=100");
    }

    @Test
    void notModifiedForAnotherRepresentationDoesNotUpdate_4_3_4() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> switch (n) {
            case 1 -> Reply.of(200, "old", "Cache-Control", "max-age=10", "ETag", "W/\"v1\"");
            case 2 -> Reply.of(304, "", "ETag", "\"v1\"", "Cache-Control", "max-age=600");
            default -> Reply.of(200, "new", "Cache-Control", "max-age=600", "ETag", "\"v2\"");
        });
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        // A strong "v1" does not strongly match the stored weak W/"v1": the stored response is not refreshed,
        // and the request is sent again without the cache's validators.
        CacheHarness.Result r = h.get("/a");
        assertThat(r.cacheStatus()).isEqualTo("MISS");
        assertThat(r.body()).isEqualTo("new");
        assertThat(b.last().headers().contains("If-None-Match")).isFalse();
        assertThat(h.get("/a").body()).isEqualTo("new");
    }

    @Test
    void headResponseFreshensStoredGet_4_3_5() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"")
                : Reply.of(200, "", "Cache-Control", "max-age=600", "ETag", "\"v1\"", "Content-Length", "4",
                        "X-Head", "yes"));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        assertThat(h.send("HEAD", "/a").cacheStatus()).isEqualTo("MISS");
        assertThat(b.last().method()).isEqualTo("HEAD");
        CacheHarness.Result hit = h.get("/a");
        assertThat(hit.cacheStatus()).isEqualTo("HIT");
        assertThat(hit.body()).isEqualTo("body");
        assertThat(hit.header("X-Head")).isEqualTo("yes");
    }

    @Test
    void headResponseWithOtherValidatorRemovesStoredGet_4_3_5() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"")
                : Reply.of(200, "", "Cache-Control", "max-age=600", "ETag", "\"v2\""));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        h.send("HEAD", "/a");
        assertThat(h.get("/a", "Cache-Control", "only-if-cached").status()).isEqualTo(504);
    }

    @Test
    void fullResponseOnRevalidationReplacesEntry_4_3_3() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> Reply.of(200, "v" + n, "Cache-Control", "max-age=10",
                "ETag", "\"v" + n + "\""));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result r = h.get("/a");
        assertThat(r.cacheStatus()).isEqualTo("MISS");
        assertThat(r.body()).isEqualTo("v2");
        CacheHarness.Result hit = h.get("/a");
        assertThat(hit.cacheStatus()).isEqualTo("HIT");
        assertThat(hit.body()).isEqualTo("v2");
    }

    @Test
    void serverErrorOnRevalidationServesStale_4_3_3() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"")
                : Reply.of(503, "down"));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result r = h.get("/a");
        assertThat(r.cacheStatus()).isEqualTo("STALE");
        assertThat(r.body()).isEqualTo("body");
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void mustRevalidateForwardsErrorAndGives504WhenUnreachable_5_2_2_2() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10, must-revalidate", "ETag", "\"v1\"")
                : Reply.of(503, "down"));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        assertThat(h.get("/a").status()).isEqualTo(503);
        // Unreachable upstream: the upstream client marks the exchange and answers 502 itself.
        CacheHarness.Result r = unreachable(h);
        assertThat(r.status()).isEqualTo(504);
    }

    private static CacheHarness.Result unreachable(CacheHarness h) {
        var ex = dev.gatehouse.testing.exchange.Exchange.of("GET", "/a");
        HttpResponse resp = h.cache.handle(ex.context(), ex.request(), (c, r) -> {
            c.set(StandardAttributes.UPSTREAM_NOT_REACHED, new ConnectException("refused"));
            return HttpResponse.text(502, "Bad Gateway");
        });
        return CacheHarness.read(resp);
    }

    @Test
    void unreachableUpstreamServesStaleWhenAllowed_4_2_4() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(
                Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"")));
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result r = unreachable(h);
        assertThat(r.cacheStatus()).isEqualTo("STALE");
        assertThat(r.body()).isEqualTo("body");
    }

    @Test
    void clientConditionalIsAnswered304FromFreshEntry_4_3_2() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(
                Reply.of(200, "body", "Cache-Control", "max-age=60", "ETag", "W/\"v1\"", "Last-Modified", LM)));
        h.get("/a");
        CacheHarness.Result inm = h.get("/a", "If-None-Match", "\"v0\", \"v1\"");
        assertThat(inm.status()).isEqualTo(304);
        assertThat(inm.body()).isEmpty();
        assertThat(inm.header("ETag")).isEqualTo("W/\"v1\"");
        assertThat(inm.cacheStatus()).isEqualTo("HIT");
        assertThat(h.get("/a", "If-Modified-Since", LM).status()).isEqualTo(304);
        assertThat(h.get("/a", "If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(h.get("/a", "If-Modified-Since", "Fri, 28 Feb 2025 00:00:00 GMT").status()).isEqualTo(200);
        // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        assertThat(h.get("/a", "If-None-Match", "\"other\"", "If-Modified-Since", LM).status()).isEqualTo(200);
        assertThat(h.backend.calls()).isEqualTo(1);
    }

    @Test
    void clientConditionalAfterRevalidationIsAnsweredByCache_4_3_2() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "body", "Cache-Control", "max-age=10", "ETag", "\"v1\"")
                : Reply.of(304, "", "ETag", "\"v1\""));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result r = h.get("/a", "If-None-Match", "\"v1\"");
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.cacheStatus()).isEqualTo("REVALIDATED");
        CacheHarness.Result full = h.get("/a", "If-None-Match", "\"v0\"", "Cache-Control", "no-cache");
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).isEqualTo("body");
    }
}
