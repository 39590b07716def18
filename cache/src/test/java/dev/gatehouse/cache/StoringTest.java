package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9111 §3 (storing responses), §3.5 (authenticated requests) and §4.1 (Vary). */
class StoringTest {
    private static CacheHarness cacheWith(Reply reply) {
        return new CacheHarness(ScriptedBackend.always(reply));
    }

    @Test
    void storesResponseWithMaxAgeAndServesIt_3() {
        CacheHarness h = cacheWith(Reply.of(200, "hello", "Cache-Control", "max-age=60"));
        CacheHarness.Result first = h.get("/a");
        CacheHarness.Result second = h.get("/a");
        assertThat(first.cacheStatus()).isEqualTo("MISS");
        assertThat(first.body()).isEqualTo("hello");
        assertThat(second.cacheStatus()).isEqualTo("HIT");
        assertThat(second.body()).isEqualTo("hello");
        assertThat(second.header("Content-Length")).isEqualTo("5");
        assertThat(h.backend.calls()).isEqualTo(1);
    }

    @Test
    void keyIncludesQuery_2() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60"));
        h.get("/a?x=1");
        h.get("/a?x=2");
        h.get("/a?x=1");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void headIsAnsweredFromStoredGet_3() {
        CacheHarness h = cacheWith(Reply.of(200, "hello", "Cache-Control", "max-age=60"));
        CacheHarness.Result headMiss = h.send("HEAD", "/a");
        assertThat(headMiss.cacheStatus()).isEqualTo("MISS");
        h.get("/a");
        CacheHarness.Result head = h.send("HEAD", "/a");
        assertThat(head.cacheStatus()).isEqualTo("HIT");
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo("5");
        assertThat(h.backend.calls()).isEqualTo(2);
        assertThat(h.backend.seen.get(0).method()).isEqualTo("HEAD");
    }

    @Test
    void otherMethodsAreBypassed_3() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60"));
        assertThat(h.send("OPTIONS", "/a").cacheStatus()).isEqualTo("BYPASS");
        assertThat(h.send("OPTIONS", "/a").cacheStatus()).isEqualTo("BYPASS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void noStoreResponseIsNotStored_5_2_2_5() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60, no-store"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void privateResponseIsNeverStoredBySharedCache_5_2_2_7() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "private, max-age=60"));
        h.get("/a");
        h.get("/a");
        CacheHarness q = cacheWith(Reply.of(200, "x", "Cache-Control", "private=\"X-User\", max-age=60"));
        q.get("/a");
        q.get("/a");
        assertThat(h.backend.calls()).isEqualTo(2);
        assertThat(q.backend.calls()).isEqualTo(2);
    }

    @Test
    void responseToAuthorizedRequestIsNotStored_3_5() {
        CacheHarness h = cacheWith(Reply.of(200, "mine", "Cache-Control", "max-age=60"));
        h.get("/a", "Authorization", "Bearer one");
        CacheHarness.Result other = h.get("/a", "Authorization", "Bearer two");
        assertThat(other.cacheStatus()).isEqualTo("MISS");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(3);
    }

    @Test
    void storesPublicResponseWithAuthorization_3_5() {
        for (String cc : List.of("public, max-age=60", "s-maxage=60", "must-revalidate, max-age=60")) {
            CacheHarness h = cacheWith(Reply.of(200, "shared", "Cache-Control", cc));
            h.get("/a", "Authorization", "Bearer one");
            CacheHarness.Result second = h.get("/a", "Authorization", "Bearer two");
            assertThat(second.cacheStatus()).as(cc).isEqualTo("HIT");
            assertThat(h.backend.calls()).as(cc).isEqualTo(1);
        }
    }

    @Test
    void setCookieResponseIsNotStoredByDefault() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60", "Set-Cookie", "s=1"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void storeSetCookieStoresWithoutTheCookie() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(
                Reply.of(200, "x", "Cache-Control", "max-age=60", "Set-Cookie", "s=1")),
                CacheHarness.spec(null, null, null, null, true, null, null));
        assertThat(h.get("/a").header("Set-Cookie")).isEqualTo("s=1");
        CacheHarness.Result hit = h.get("/a");
        assertThat(hit.cacheStatus()).isEqualTo("HIT");
        assertThat(hit.header("Set-Cookie")).isNull();
    }

    @Test
    void statusWithoutHeuristicNeedsExplicitFreshness_3() {
        CacheHarness h = cacheWith(Reply.of(302, "", "Location", "/b", "Last-Modified", "Sat, 01 Mar 2025 00:00:00 GMT"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        CacheHarness e = cacheWith(Reply.of(302, "", "Location", "/b", "Cache-Control", "max-age=60"));
        e.get("/a");
        assertThat(e.get("/a").cacheStatus()).isEqualTo("HIT");
        assertThat(e.get("/a").status()).isEqualTo(302);
    }

    @Test
    void heuristicallyCacheableStatusIsStored_3() {
        CacheHarness h = cacheWith(Reply.of(404, "gone", "Last-Modified", "Sat, 01 Mar 2025 00:00:00 GMT"));
        h.get("/a");
        CacheHarness.Result hit = h.get("/a");
        assertThat(hit.cacheStatus()).isEqualTo("HIT");
        assertThat(hit.status()).isEqualTo(404);
    }

    @Test
    void storedNoContentIsServedWithoutContentLength_3() {
        CacheHarness h = cacheWith(Reply.of(204, "", "Cache-Control", "max-age=60"));
        h.get("/a");
        CacheHarness.Result hit = h.get("/a");
        assertThat(hit.cacheStatus()).isEqualTo("HIT");
        assertThat(hit.status()).isEqualTo(204);
        assertThat(hit.headers().contains("Content-Length")).isFalse();
    }

    @Test
    void cacheableStatusCodesRestrictsWhatIsStored() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(Reply.of(404, "x", "Cache-Control", "max-age=60")),
                CacheHarness.spec(null, null, null, List.of(200), null, null, null));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void partialContentAndRangeRequestsAreNotCached_3_3() {
        CacheHarness h = cacheWith(Reply.of(206, "par", "Cache-Control", "max-age=60", "Content-Range", "bytes 0-2/9"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        CacheHarness r = cacheWith(Reply.of(200, "full", "Cache-Control", "max-age=60"));
        assertThat(r.get("/a", "Range", "bytes=0-1").cacheStatus()).isEqualTo("BYPASS");
        assertThat(r.get("/a").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void upgradeRequestsAlwaysReachTheService() {
        CacheHarness h = cacheWith(Reply.of(200, "page", "Cache-Control", "max-age=60"));
        h.get("/ws");
        CacheHarness.Result upgrade = h.get("/ws", "Connection", "Upgrade", "Upgrade", "websocket");
        assertThat(upgrade.cacheStatus()).isEqualTo("BYPASS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void varySeparatesEntries_4_1() {
        ScriptedBackend b = new ScriptedBackend((req, n) -> Reply.of(200, "lang=" + req.headers().get("Accept-Language"),
                "Cache-Control", "max-age=60", "Vary", "Accept-Language"));
        CacheHarness h = new CacheHarness(b);
        assertThat(h.get("/a", "Accept-Language", "en").body()).isEqualTo("lang=en");
        assertThat(h.get("/a", "Accept-Language", "fr").body()).isEqualTo("lang=fr");
        CacheHarness.Result en = h.get("/a", "Accept-Language", "en");
        CacheHarness.Result fr = h.get("/a", "Accept-Language", "fr");
        assertThat(en.cacheStatus()).isEqualTo("HIT");
        assertThat(en.body()).isEqualTo("lang=en");
        assertThat(fr.body()).isEqualTo("lang=fr");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(b.calls()).isEqualTo(3);
    }

    @Test
    void varyValuesAreNormalisedBeforeMatching_4_1() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60", "Vary", "Accept"));
        h.get("/a", "Accept", "text/html,  application/json");
        assertThat(h.get("/a", "Accept", "text/html, application/json").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void varyStarNeverMatches_4_1() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60", "Vary", "*"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void keyHeadersSeparateEntriesAsIfVaried() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(Reply.of(200, "x", "Cache-Control", "max-age=60")),
                CacheHarness.spec(null, null, null, null, null, List.of("X-Tenant"), null));
        h.get("/a", "X-Tenant", "a");
        assertThat(h.get("/a", "X-Tenant", "b").cacheStatus()).isEqualTo("MISS");
        assertThat(h.get("/a", "X-Tenant", "a").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void hopByHopFieldsAreNotStored_3_1() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60", "Connection", "X-Hop",
                "X-Hop", "1", "Keep-Alive", "timeout=5", "X-End", "2"));
        h.get("/a");
        CacheHarness.Result hit = h.get("/a");
        assertThat(hit.header("X-Hop")).isNull();
        assertThat(hit.header("Keep-Alive")).isNull();
        assertThat(hit.header("X-End")).isEqualTo("2");
    }
}
