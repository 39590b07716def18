package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 9111 §4.2: freshness lifetime, heuristics and age. */
class FreshnessTest {
    private static CacheHarness cacheWith(Reply reply) {
        return new CacheHarness(ScriptedBackend.always(reply));
    }

    /** Fetches once, moves the clock and tells whether the next request hit. */
    private static String statusAfter(CacheHarness h, Duration wait) {
        h.get("/a");
        h.clock.advance(wait);
        return h.get("/a").cacheStatus();
    }

    @Test
    void maxAgeGivesLifetime_4_2_1() {
        assertThat(statusAfter(cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60")),
                Duration.ofSeconds(59))).isEqualTo("HIT");
        assertThat(statusAfter(cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60")),
                Duration.ofSeconds(61))).isEqualTo("MISS");
    }

    @Test
    void sMaxageOverridesMaxAge_4_2_1() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=10, s-maxage=100"));
        assertThat(statusAfter(h, Duration.ofSeconds(50))).isEqualTo("HIT");
        CacheHarness shortShared = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=100, s-maxage=10"));
        assertThat(statusAfter(shortShared, Duration.ofSeconds(50))).isEqualTo("MISS");
    }

    @Test
    void maxAgeOverridesExpires_4_2_1() {
        CacheHarness probe = cacheWith(Reply.of(200, "x"));
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=100",
                "Date", probe.now(), "Expires", probe.date(Duration.ofSeconds(10))));
        assertThat(statusAfter(h, Duration.ofSeconds(50))).isEqualTo("HIT");
    }

    @Test
    void expiresMinusDateGivesLifetime_4_2_1() {
        CacheHarness probe = cacheWith(Reply.of(200, "x"));
        // A Date an hour behind our clock: the lifetime is Expires - Date, whatever the clocks say.
        Reply r = Reply.of(200, "x", "Date", probe.date(Duration.ofHours(-1)),
                "Expires", probe.date(Duration.ofHours(-1).plusSeconds(30)));
        CacheHarness h = cacheWith(r);
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS"); // apparent age of an hour > 30 s lifetime
        CacheHarness fresh = cacheWith(Reply.of(200, "x", "Date", probe.now(), "Expires",
                probe.date(Duration.ofSeconds(30))));
        assertThat(statusAfter(fresh, Duration.ofSeconds(20))).isEqualTo("HIT");
    }

    @Test
    void invalidExpiresIsInThePast_5_3() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Expires", "0"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(h.backend.calls()).isEqualTo(2);
    }

    @Test
    void heuristicFreshnessIsTenPercentOfLastModifiedAge_4_2_2() {
        CacheHarness probe = cacheWith(Reply.of(200, "x"));
        // Modified 1000 s ago: fresh for 100 s.
        Reply r = Reply.of(200, "x", "Date", probe.now(), "Last-Modified", probe.date(Duration.ofSeconds(-1000)));
        assertThat(statusAfter(cacheWith(r), Duration.ofSeconds(90))).isEqualTo("HIT");
        CacheHarness late = cacheWith(r);
        late.get("/a");
        late.backend.script((req, n) -> Reply.of(200, "x", "Date", late.now()));
        late.clock.advance(Duration.ofSeconds(110));
        assertThat(late.get("/a").cacheStatus()).isEqualTo("MISS");
        assertThat(late.backend.last().headers().get("If-Modified-Since")).isNotNull();
    }

    @Test
    void heuristicFreshnessIsCappedAtOneDay_4_2_2() {
        CacheHarness probe = cacheWith(Reply.of(200, "x"));
        Reply r = Reply.of(200, "x", "Date", probe.now(), "Last-Modified", probe.date(Duration.ofDays(-100)));
        CacheHarness h = cacheWith(r);
        h.get("/a");
        h.backend.script((req, n) -> Reply.of(200, "x", "Date", h.now()));
        h.clock.advance(Duration.ofHours(23));
        assertThat(h.get("/a").cacheStatus()).isEqualTo("HIT");
        h.clock.advance(Duration.ofHours(2));
        assertThat(h.get("/a").cacheStatus()).isNotEqualTo("HIT");
    }

    @Test
    void heuristicIsNotUsedWithExplicitExpiration_4_2_2() {
        CacheHarness probe = cacheWith(Reply.of(200, "x"));
        Reply r = Reply.of(200, "x", "Cache-Control", "max-age=0", "Date", probe.now(),
                "Last-Modified", probe.date(Duration.ofDays(-100)));
        CacheHarness h = cacheWith(r);
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void defaultTtlAppliesOnlyWithoutExplicitFreshness() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(Reply.of(200, "x")),
                CacheHarness.spec(null, null, Duration.ofSeconds(30), null, null, null, null));
        assertThat(statusAfter(h, Duration.ofSeconds(20))).isEqualTo("HIT");
        h.clock.advance(Duration.ofSeconds(20));
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
        CacheHarness explicit = new CacheHarness(ScriptedBackend.always(Reply.of(200, "x", "Cache-Control", "max-age=5")),
                CacheHarness.spec(null, null, Duration.ofSeconds(30), null, null, null, null));
        assertThat(statusAfter(explicit, Duration.ofSeconds(10))).isEqualTo("MISS");
    }

    @Test
    void responseWithoutFreshnessOrValidatorIsNotStored_4_2() {
        CacheHarness h = cacheWith(Reply.of(200, "x"));
        h.get("/a");
        assertThat(h.get("/a").cacheStatus()).isEqualTo("MISS");
    }

    @Test
    void ageGrowsWithResidentTime_4_2_3() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=600"));
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(42));
        assertThat(h.get("/a").header("Age")).isEqualTo("42");
        h.clock.advance(Duration.ofSeconds(8));
        assertThat(h.get("/a").header("Age")).isEqualTo("50");
    }

    @Test
    void ageIncludesUpstreamAgeAndApparentAge_4_2_3() {
        CacheHarness probe = cacheWith(Reply.of(200, "x"));
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=600", "Age", "100",
                "Date", probe.now()));
        h.get("/a");
        h.clock.advance(Duration.ofSeconds(10));
        assertThat(h.get("/a").header("Age")).isEqualTo("110");
        // Apparent age: a Date 300 s behind the time of receipt counts even when Age is smaller.
        CacheHarness behind = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=600", "Age", "5",
                "Date", probe.date(Duration.ofSeconds(-300))));
        behind.get("/a");
        assertThat(behind.get("/a").header("Age")).isEqualTo("300");
    }

    @Test
    void upstreamAgeCountsAgainstLifetime_4_2_3() {
        CacheHarness h = cacheWith(Reply.of(200, "x", "Cache-Control", "max-age=60", "Age", "55"));
        assertThat(statusAfter(h, Duration.ofSeconds(10))).isEqualTo("MISS");
    }
}
