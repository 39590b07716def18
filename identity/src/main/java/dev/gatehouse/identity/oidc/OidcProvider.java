package dev.gatehouse.identity.oidc;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.identity.Digests;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One provider as the gateway sees it: its discovery document and keys, fetched asynchronously and cached, and
 * the token endpoint. A resource, so a reload keeps the cache and the HTTP client.
 *
 * <pre>
 *  metadata() ── cached 1h; a failure is retried after 5s ──▶ ProviderMetadata
 *  keys(force) ─ cached 1h; refetched on an unknown kid, at most every 30s ──▶ JWKSet
 *  token(form) ─ POST, client_secret_basic when a secret is set ──▶ JSON map
 * </pre>
 */
final class OidcProvider implements AutoCloseable {
    private static final long METADATA_TTL = Duration.ofHours(1).toNanos();
    private static final long RETRY_AFTER_FAILURE = Duration.ofSeconds(5).toNanos();
    private static final long MIN_KEY_REFETCH = Duration.ofSeconds(30).toNanos();
    /** How long a refresh's outcome answers requests that still carry the refreshed cookie. */
    private static final Duration REFRESH_REUSE = Duration.ofMinutes(2);
    /** The largest provider answer read, in bytes. */
    private static final int MAX_BODY = 1 << 20;

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final HttpClient http;
    private final Cache<String, Boolean> usedStates;
    private final AsyncCache<String, Session> refreshes;
    private final AtomicReference<Memo<ProviderMetadata>> metadata = new AtomicReference<>();
    private final AtomicReference<Memo<JWKSet>> keys = new AtomicReference<>();

    private record Memo<T>(CompletableFuture<T> value, long at) {
        boolean fresh(long now, long ttl) {
            if (!value.isDone()) {
                return true;
            }
            long age = now - at;
            return value.isCompletedExceptionally() ? age < RETRY_AFTER_FAILURE : age < ttl;
        }
    }

    OidcProvider(String issuer, String clientId, String clientSecret, Duration timeout, Duration stateMaxAge,
                 Executor executor) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.usedStates = Caffeine.newBuilder().expireAfterWrite(stateMaxAge).maximumSize(100_000).build();
        this.refreshes = Caffeine.newBuilder().expireAfterWrite(REFRESH_REUSE).maximumSize(100_000)
                .executor(executor).buildAsync();
    }

    /** @return the discovery document, cached */
    CompletableFuture<ProviderMetadata> metadata() {
        return memo(metadata, false, () -> {
            String url = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            return getJson(url + "/.well-known/openid-configuration")
                    .thenApply(doc -> ProviderMetadata.of(doc, issuer));
        });
    }

    /**
     * The provider's keys.
     *
     * @param refetch true when a token named a key the cached set lacks
     * @return the key set
     */
    CompletableFuture<JWKSet> keys(boolean refetch) {
        return memo(keys, refetch, () -> metadata().thenCompose(md -> getJson(md.jwksUri()))
                .thenApply(OidcProvider::parseKeys));
    }

    /**
     * Returns the cached value, or starts one fetch: callers racing on a stale value agree through a
     * compare-and-set, without a lock on the event loop.
     */
    private static <T> CompletableFuture<T> memo(AtomicReference<Memo<T>> ref, boolean refetch,
                                                 Supplier<CompletableFuture<T>> fetch) {
        long now = System.nanoTime();
        Memo<T> current = ref.get();
        boolean stale = current == null || !current.fresh(now, METADATA_TTL)
                || refetch && current.value().isDone() && now - current.at() >= MIN_KEY_REFETCH;
        if (!stale) {
            return current.value();
        }
        CompletableFuture<T> next = new CompletableFuture<>();
        if (!ref.compareAndSet(current, new Memo<>(next, now))) {
            return ref.get().value();
        }
        fetch.get().whenComplete((v, err) -> {
            if (err != null) {
                next.completeExceptionally(err);
            } else {
                next.complete(v);
            }
        });
        return next;
    }

    /**
     * Posts to the token endpoint.
     *
     * @param form the grant's parameters (client authentication is added here)
     * @return the token response
     */
    CompletableFuture<Map<String, Object>> token(Map<String, String> form) {
        return metadata().thenCompose(md -> {
            StringJoiner body = new StringJoiner("&");
            form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(md.tokenEndpoint())).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json");
            if (clientSecret != null) {
                String basic = enc(clientId) + ":" + enc(clientSecret);
                b.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            } else {
                body.add("client_id=" + enc(clientId));
            }
            b.POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            return send(b.build(), "token endpoint");
        });
    }

    /**
     * Refreshes a session once per refresh token: concurrent requests, and requests that still carry the old
     * cookie for a while, share the outcome. Providers that rotate refresh tokens accept each one once only.
     *
     * @param refreshToken the session's refresh token
     * @param refresh      performs the refresh
     * @return the refreshed session
     */
    CompletableFuture<Session> refreshOnce(String refreshToken, Supplier<CompletableFuture<Session>> refresh) {
        return refreshes.get(Digests.sha256Hex(refreshToken), (k, ex) -> refresh.get());
    }


    /**
     * Marks a login's state as used.
     *
     * @param state the state value
     * @return true the first time, false for a replay
     */
    boolean firstUse(String state) {
        return usedStates.asMap().putIfAbsent(state, Boolean.TRUE) == null;
    }

    private CompletableFuture<Map<String, Object>> getJson(String url) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return send(req, url);
    }

    private CompletableFuture<Map<String, Object>> send(HttpRequest req, String what) {
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
            if (err != null) {
                throw new ProviderException(what + " unreachable: " + err.getClass().getSimpleName(), true);
            }
            int status = resp.statusCode();
            if (status >= 500 || status == 429) {
                throw new ProviderException(what + " answered " + status, true);
            }
            if (status != 200) {
                throw new ProviderException(what + " answered " + status, false);
            }
            if (resp.body().length() > MAX_BODY) {
                throw new ProviderException(what + " answer too large", true);
            }
            try {
                return JSONObjectUtils.parse(resp.body());
            } catch (java.text.ParseException e) {
                throw new ProviderException(what + " answered with invalid JSON", true);
            }
        });
    }

    private static JWKSet parseKeys(Map<String, Object> json) {
        try {
            return JWKSet.parse(json);
        } catch (java.text.ParseException e) {
            throw new ProviderException("invalid JWKS", true);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
