package dev.gatehouse.identity.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Eventually;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JWKS cache's timing, with short intervals so the windows can be seen to open and close. */
class JwksCacheTest {
    private static final JwksTiming FAST = new JwksTiming(Duration.ofMillis(300), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofMillis(200));

    private static JwksCache cache(JwksServer server, JwksTiming timing) {
        return new JwksCache(URI.create(server.url()), Algorithms.ASYMMETRIC, Duration.ofSeconds(5), 0, timing);
    }

    @Test
    void refreshesInTheBackgroundAfterMaxAge() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")))) {
            server.cacheControl("max-age=0");
            try (JwksCache cache = cache(server, FAST)) {
                cache.ready().get(5, TimeUnit.SECONDS);
                server.serve(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA2, "k2")));
                Eventually.await(Duration.ofSeconds(5), "a background refresh", () -> cache.keys().hasKid("k2"));
                assertThat(server.requests()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void withoutMaxAgeTheDefaultIntervalHolds() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             JwksCache cache = cache(server, FAST)) {
            cache.ready().get(5, TimeUnit.SECONDS);
            // Well past the minimum interval, far from the 30 s default: no background fetch may have happened.
            long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
            while (System.nanoTime() < until) {
                assertThat(server.requests()).isEqualTo(1);
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
        }
    }

    @Test
    void unknownKidRefetchesOncePerWindowAndAgainAfterIt() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")));
             JwksCache cache = cache(server, FAST)) {
            cache.ready().get(5, TimeUnit.SECONDS);
            CompletableFuture<KeySet> first = cache.refetchForUnknownKid();
            assertThat(first).isNotNull();
            first.get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 100; i++) {
                assertThat(cache.refetchForUnknownKid()).as("inside the window").isNull();
            }
            assertThat(server.requests()).isEqualTo(2);
            Eventually.await(Duration.ofSeconds(5), "the window to pass", () -> {
                CompletableFuture<KeySet> next = cache.refetchForUnknownKid();
                if (next != null) {
                    next.join();
                }
                return next != null;
            });
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    @Test
    void afterAFailedFirstFetchRequestsBackOffThenTryAgain() throws Exception {
        try (JwksServer server = new JwksServer(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.RSA, "k1")))) {
            server.status(503);
            JwksTiming slowRefresh = new JwksTiming(Duration.ofSeconds(30), Duration.ofSeconds(30),
                    Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(300));
            try (JwksCache cache = cache(server, slowRefresh)) {
                assertThat(cache.ready()).failsWithin(Duration.ofSeconds(5));
                assertThat(cache.ready()).as("inside the backoff: no new fetch").isCompletedExceptionally();
                assertThat(server.requests()).isEqualTo(1);
                server.status(200);
                Eventually.await(Duration.ofSeconds(5), "a fetch after the backoff", () ->
                        !cache.ready().isCompletedExceptionally());
                assertThat(cache.ready().get(5, TimeUnit.SECONDS).hasKid("k1")).isTrue();
                assertThat(server.requests()).isEqualTo(2);
            }
        }
    }
}
