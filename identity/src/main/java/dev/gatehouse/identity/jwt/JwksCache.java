package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The keys of one JWKS URL, fetched with the JDK's asynchronous HTTP client (never on an event loop), kept in
 * memory and refreshed in the background. A build-context resource, so a reload keeps the keys.
 *
 * <pre>
 *  start ─▶ fetch ─▶ keys ─▶ wait max-age (30 s .. 1 h; 5 min without Cache-Control) ─▶ fetch ─▶ ...
 *  unknown kid ─▶ refetch, at most one per 30 s per URL; others within the window answer 401 at once
 *  no keys yet ─▶ requests wait for the fetch in flight
 * </pre>
 */
final class JwksCache implements KeySource, AutoCloseable {
    /** Largest JWK set accepted. */
    static final int MAX_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(JwksCache.class.getName());
    private static final long NEVER = Long.MIN_VALUE;

    private final URI uri;
    /** The URL without query or user info, for logs: either may hold a credential. */
    private final String loggedUri;
    private final Set<JWSAlgorithm> allowed;
    private final Duration timeout;
    private final int maxRetries;
    private final HttpClient client;
    private final ScheduledExecutorService timer;
    private final AtomicReference<CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
    private final AtomicLong lastUnknownKidFetch = new AtomicLong(NEVER);
    private final AtomicLong lastFailure = new AtomicLong(NEVER);
    private volatile KeySet keys;
    private final JwksTiming timing;
    private volatile Duration nextRefresh;
    private volatile boolean closed;

    JwksCache(URI uri, Set<JWSAlgorithm> allowed, Duration timeout, int maxRetries, JwksTiming timing) {
        this.uri = uri;
        this.timing = timing;
        this.nextRefresh = timing.defaultRefresh();
        this.loggedUri = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
        this.allowed = allowed;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        refreshLoop();
    }

    @Override
    public KeySet keys() {
        return keys;
    }

    @Override
    public CompletableFuture<KeySet> ready() {
        KeySet k = keys;
        if (k != null) {
            return CompletableFuture.completedFuture(k);
        }
        CompletableFuture<KeySet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        long failed = lastFailure.get();
        if (failed != NEVER && System.nanoTime() - failed < timing.failureBackoff().toNanos()) {
            return CompletableFuture.failedFuture(new IOException("JWKS not available"));
        }
        return fetch();
    }

    @Override
    public CompletableFuture<KeySet> refetchForUnknownKid() {
        long now = System.nanoTime();
        long last = lastUnknownKidFetch.get();
        if ((last != NEVER && now - last < timing.unknownKidWindow().toNanos())
                || !lastUnknownKidFetch.compareAndSet(last, now)) {
            return null;
        }
        return fetch();
    }

    private void refreshLoop() {
        if (closed) {
            return;
        }
        fetch().whenComplete((k, err) -> {
            Duration delay = err == null ? nextRefresh : timing.minRefresh();
            try {
                timer.schedule(this::refreshLoop, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException rejected) {
                // closed meanwhile
            }
        });
    }

    /** Starts a fetch, or joins the one in flight. */
    private CompletableFuture<KeySet> fetch() {
        CompletableFuture<KeySet> mine = new CompletableFuture<>();
        CompletableFuture<KeySet> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<KeySet> result = new CompletableFuture<>();
        attempt(0, result);
        result.whenComplete((k, err) -> {
            inFlight.set(null);
            if (err != null) {
                lastFailure.set(System.nanoTime());
                mine.completeExceptionally(err);
            } else {
                mine.complete(k);
            }
        });
        return mine;
    }

    private void attempt(int n, CompletableFuture<KeySet> result) {
        if (closed) {
            result.completeExceptionally(new IOException("closed"));
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .GET().build();
        client.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(this::accept)
                .whenComplete((k, err) -> {
                    if (err == null) {
                        result.complete(k);
                    } else if (n < maxRetries && !closed) {
                        long backoff = 200L << Math.min(n, 5);
                        try {
                            timer.schedule(() -> attempt(n + 1, result), backoff, TimeUnit.MILLISECONDS);
                        } catch (RuntimeException rejected) {
                            result.completeExceptionally(err);
                        }
                    } else {
                        LOG.log(Level.WARNING, "jwt: fetching the JWK set from " + loggedUri + " failed: "
                                + cause(err));
                        result.completeExceptionally(err);
                    }
                });
    }

    private KeySet accept(HttpResponse<java.io.InputStream> resp) {
        try (java.io.InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("status " + resp.statusCode());
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new IllegalStateException("JWK set larger than " + MAX_BYTES + " bytes");
            }
            KeySet k = Keys.fromJwkSet(JWKSet.parse(new String(body, StandardCharsets.UTF_8)), allowed);
            nextRefresh = CacheControl.refreshInterval(resp.headers().firstValue("Cache-Control").orElse(null),
                    timing);
            keys = k;
            return k;
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("not a JWK set: " + e.getMessage(), e);
        }
    }

    private static String cause(Throwable err) {
        Throwable t = err;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        client.shutdownNow();
    }
}
