package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 9111 §4.4: unsafe methods invalidate. */
class InvalidationTest {
    private CacheHarness h;

    private void storeBoth(Reply unsafeReply) {
        h = new CacheHarness(new ScriptedBackend((req, n) -> req.method().name().equals("GET")
                ? Reply.of(200, "x", "Cache-Control", "max-age=600")
                : unsafeReply));
        h.get("/a");
        h.get("/b");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void unsafeMethodInvalidatesTargetUri_4_4() {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            storeBoth(Reply.of(204, ""));
            assertThat(h.send(method, "/a").cacheStatus()).isEqualTo("BYPASS");
            assertThat(h.get("/a").cacheStatus()).as(method).isEqualTo("MISS");
            assertThat(h.get("/b").cacheStatus()).as(method).isEqualTo("HIT");
        }
    }

    @Test
    void errorResponseDoesNotInvalidate_4_4() {
        storeBoth(Reply.of(500, "boom"));
        h.send("POST", "/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void locationAndContentLocationOnSameHostAreInvalidated_4_4() {
        storeBoth(Reply.of(201, "", "Location", "/b", "Content-Location", "http://example.com/a"));
        h.send("POST", "/c");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.get("/b").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void locationOnAnotherHostIsNotInvalidated_4_4() {
        storeBoth(Reply.of(201, "", "Location", "http://elsewhere.example/a"));
        h.send("POST", "/c");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
    }

    @Test
    void safeMethodsDoNotInvalidate_4_4() {
        storeBoth(Reply.of(200, ""));
        h.send("OPTIONS", "/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
    }
}
