package dev.gatehouse.identity.clientcredentials;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Holds one access token and fetches the next one: shared by every exchange of a middleware, on every thread.
 *
 * <pre>
 *  token() ─ fresh ──────────────────────────────▶ the cached token
 *          ├ past refreshAt, still usable ────────▶ the cached token, and one fetch starts in the background
 *          ├ expired or none, in back-off ────────▶ failed at once (no call: a dead endpoint is not hammered)
 *          └ expired or none ─────────────────────▶ the one fetch in flight (started if there is none)
 * </pre>
 *
 * <p>A token is used until {@code expires_in} minus a skew (a quarter of its life, at most
 * {@link Timing#maxSkew}), and refreshed once three quarters of that time have passed. After a failed fetch the
 * next is allowed after a back-off that doubles from {@link Timing#firstBackoff} to {@link Timing#maxBackoff}.
 */
final class TokenSource implements AutoCloseable {
    /**
     * The time rules.
     *
     * @param maxSkew         the largest skew taken off {@code expires_in}
     * @param defaultLifetime the lifetime of a token whose answer has no {@code expires_in}
     * @param firstBackoff    the wait after the first failed fetch
     * @param maxBackoff      the longest wait between failed fetches
     */
    record Timing(Duration maxSkew, Duration defaultLifetime, Duration firstBackoff, Duration maxBackoff) {
        /** The documented defaults. */
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /** A token and when it stops being used. */
    record Token(String value, long refreshAtNanos, long usableUntilNanos) {
        @Override
        public String toString() {
            return "Token[(hidden)]";
        }
    }

    private final TokenRequest request;
    private final Timing timing;
    private final HttpClient client;
    private final LongSupplier clock;
    private final AtomicReference<CompletableFuture<Token>> inFlight = new AtomicReference<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile Token current;
    private volatile long retryAfterNanos;

    TokenSource(TokenRequest request, Timing timing) {
        this(request, timing, System::nanoTime);
    }

    TokenSource(TokenRequest request, Timing timing, LongSupplier clock) {
        this.request = request;
        this.timing = timing;
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TokenRequest.TIMEOUT).build();
    }

    /**
     * The token to use now.
     *
     * @return a stage completing with the token, or with {@link TokenUnavailableException}; already complete
     *         when a usable token is cached
     */
    CompletableFuture<Token> token() {
        long now = clock.getAsLong();
        Token t = current;
        if (t != null && now - t.usableUntilNanos() < 0) {
            if (now - t.refreshAtNanos() >= 0 && now - retryAfterNanos >= 0) {
                fetch();
            }
            return CompletableFuture.completedFuture(t);
        }
        CompletableFuture<Token> running = inFlight.get();
        if (running != null) {
            return running;
        }
        if (now - retryAfterNanos < 0 && failures.get() > 0) {
            return CompletableFuture.failedFuture(new TokenUnavailableException("token endpoint failed recently; "
                    + "retrying after a back-off"));
        }
        return fetch();
    }

    /** Starts a fetch unless one is running; returns the one that is. */
    private CompletableFuture<Token> fetch() {
        CompletableFuture<Token> mine = new CompletableFuture<>();
        while (true) {
            CompletableFuture<Token> running = inFlight.get();
            if (running != null) {
                return running;
            }
            if (inFlight.compareAndSet(null, mine)) {
                break;
            }
        }
        fetches.incrementAndGet();
        long started = clock.getAsLong();
        CompletableFuture<Token> call;
        try {
            call = client.sendAsync(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(resp -> token(started, TokenAnswer.parse(resp.statusCode(), resp.body())));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((token, err) -> settle(mine, token, err));
        return mine;
    }

    private Token token(long started, TokenAnswer answer) {
        long life = answer.expiresInSeconds() > 0 ? Duration.ofSeconds(answer.expiresInSeconds()).toNanos()
                : timing.defaultLifetime().toNanos();
        long usable = life - Math.min(timing.maxSkew().toNanos(), life / 4);
        return new Token(answer.accessToken(), started + usable * 3 / 4, started + usable);
    }

    private void settle(CompletableFuture<Token> mine, Token token, Throwable err) {
        if (err == null) {
            current = token;
            failures.set(0);
            retryAfterNanos = clock.getAsLong();
            inFlight.set(null);
            mine.complete(token);
            return;
        }
        int n = failures.incrementAndGet();
        long backoff = Math.min(timing.firstBackoff().toNanos() << Math.min(n - 1, 20), timing.maxBackoff().toNanos());
        retryAfterNanos = clock.getAsLong() + backoff;
        inFlight.set(null);
        mine.completeExceptionally(new TokenUnavailableException(describe(err)));
    }

    /** A cause that names the failure's kind, never a body, token or secret. */
    private static String describe(Throwable err) {
        Throwable c = err;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof TokenUnavailableException ? c.getMessage()
                : "token endpoint unreachable (" + c.getClass().getSimpleName() + ")";
    }

    /** @return how many token calls were made, for tests and metrics */
    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
