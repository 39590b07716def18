package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 9111 §5.2.1 request directives and §5.2.2 response directives on reuse; §4.2.4 serving stale. */
class DirectivesTest {
    private static CacheHarness stored(String cacheControl) {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(Reply.of(200, "x", "Cache-Control", cacheControl)));
        h.get("/a");
        return h;
    }

    @Test
    void requestMaxAgeRefusesOlderResponse_5_2_1_1() {
        CacheHarness h = stored("max-age=600");
        h.clock.advance(Duration.ofSeconds(30));
        assertThat(h.get("/a", "Cache-Control", "max-age=60").cacheStatus()).isEqualTo("HIT");
        h.clock.advance(Duration.ofSeconds(40));
        assertThat(h.get("/a", "Cache-Control", "max-age=60").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void requestMaxStaleAcceptsStaleResponse_5_2_1_2() {
        CacheHarness h = stored("max-age=10");
        h.clock.advance(Duration.ofSeconds(30));
        CacheHarness.Result stale = h.get("/a", "Cache-Control", "max-stale=60");
        assertThat(stale.cacheStatus()).isEqualTo("STALE");
        assertThat(stale.header("Age")).isEqualTo("30");
        assertThat(h.get("/a", "Cache-Control", "max-stale").cacheStatus()).isEqualTo("STALE");
        assertThat(h.get("/a", "Cache-Control", "max-stale=5").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void staleIsNotServedWithoutPermission_4_2_4() {
        CacheHarness h = stored("max-age=10");
        h.clock.advance(Duration.ofSeconds(30));
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void mustRevalidateOverridesMaxStale_5_2_2_2() {
        for (String cc : new String[] {"max-age=10, must-revalidate", "max-age=10, proxy-revalidate", "s-maxage=10"}) {
            CacheHarness h = stored(cc);
            h.clock.advance(Duration.ofSeconds(30));
            assertThat(h.get("/a", "Cache-Control", "max-stale=600").cacheStatus()).as(cc).isEqualTo("MISS");
        }
    }

    @Test
    void requestMinFreshNeedsRemainingFreshness_5_2_1_3() {
        CacheHarness h = stored("max-age=100");
        h.clock.advance(Duration.ofSeconds(50));
        assertThat(h.get("/a", "Cache-Control", "min-fresh=40").cacheStatus()).isEqualTo("HIT");
        assertThat(h.get("/a", "Cache-Control", "min-fresh=60").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void requestNoCacheGoesToOrigin_5_2_1_4() {
        CacheHarness h = stored("max-age=600");
        assertThat(h.get("/a", "Cache-Control", "no-cache").cacheStatus()).isEqualTo("MISS");
        assertThat(h.get("/a", "Pragma", "no-cache").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(3);
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void requestNoCacheRevalidatesWhenStoredHasValidator_5_2_1_4() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "x", "Cache-Control", "max-age=600", "ETag", "\"v1\"")
                : Reply.of(304, "", "ETag", "\"v1\""));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        CacheHarness.Result r = h.get("/a", "Cache-Control", "no-cache");
        assertThat(r.cacheStatus()).isEqualTo("REVALIDATED");
        assertThat(r.body()).isEqualTo("x");
        assertThat(b.last().headers().get("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void requestNoStoreIsNotStored_5_2_1_5() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(Reply.of(200, "x", "Cache-Control", "max-age=60")));
        assertThat(h.get("/a", "Cache-Control", "no-store").cacheStatus()).isEqualTo("BYPASS");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.get("/a", "Cache-Control", "no-store").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void onlyIfCachedGives504WhenNotCached_5_2_1_7() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(Reply.of(200, "x", "Cache-Control", "max-age=60")));
        CacheHarness.Result r = h.get("/a", "Cache-Control", "only-if-cached");
        assertThat(r.status()).isEqualTo(504);
        assertThat(h.backend.calls()).isZero();
        h.get("/a");
        assertThat(h.get("/a", "Cache-Control", "only-if-cached").cacheStatus()).isEqualTo("HIT");
        h.clock.advance(Duration.ofSeconds(120));
        assertThat(h.get("/a", "Cache-Control", "only-if-cached").status()).isEqualTo(504);
        assertThat(h.backend.calls()).isEqualTo(1);
    }

    @Test
    void responseNoCacheIsAlwaysRevalidated_5_2_2_4() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> n == 1
                ? Reply.of(200, "x", "Cache-Control", "no-cache, max-age=600", "ETag", "\"v1\"")
                : Reply.of(304, "", "ETag", "\"v1\""));
        CacheHarness h = new CacheHarness(b);
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("REVALIDATED");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("REVALIDATED");
        assertThat(b.calls()).isEqualTo(3);
    }
}
