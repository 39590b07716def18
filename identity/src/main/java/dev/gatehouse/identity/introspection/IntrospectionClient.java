package dev.gatehouse.identity.introspection;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls the introspection endpoint and caches its answers: a resource, kept across reloads while the spec is
 * equal.
 *
 * <pre>
 *  token ─SHA-256─▶ key ─▶ AsyncCache ─hit──▶ answer
 *                              └─miss─▶ one POST per key (concurrent callers share it)
 *  active   ─▶ kept min(cacheTtl, exp − now)     inactive ─▶ kept inactiveCacheTtl
 *  failure  ─▶ not kept (the next request asks again)
 * </pre>
 *
 * <p>The cache key is the token's SHA-256: the token itself is never stored.
 */
final class IntrospectionClient implements AutoCloseable {
    /** The largest answer read, in bytes. */
    private static final int MAX_BODY = 256 * 1024;

    /** Settings that decide the calls and the cache. */
    record Settings(URI url, String clientId, String clientSecret, boolean basicAuth, String tokenTypeHint,
                    Duration cacheTtl, Duration inactiveCacheTtl, Duration timeout) {
    }

    private final Settings settings;
    private final HttpClient http;
    private final AsyncCache<String, Introspection> cache;
    private final AtomicLong calls = new AtomicLong();

    IntrospectionClient(Settings settings, Executor executor) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.cache = Caffeine.newBuilder().maximumSize(100_000).executor(executor)
                .expireAfter(Expiry.<String, Introspection>creating((k, v) -> Duration.ofNanos(v.ttlNanos())))
                .buildAsync();
    }

    /**
     * Introspects a token, from the cache when possible.
     *
     * @param token the Bearer token
     * @return the answer; fails with {@link IntrospectionException} when the endpoint could not answer
     */
    CompletableFuture<Introspection> introspect(String token) {
        return cache.get(sha256(token), (key, executor) -> call(token));
    }

    /** @return how many calls reached the endpoint (for metrics and tests) */
    long calls() {
        return calls.get();
    }

    private CompletableFuture<Introspection> call(String token) {
        calls.incrementAndGet();
        StringBuilder form = new StringBuilder("token=").append(enc(token));
        if (settings.tokenTypeHint() != null) {
            form.append("&token_type_hint=").append(enc(settings.tokenTypeHint()));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (settings.basicAuth()) {
            // RFC 6749 2.3.1: both parts form-encoded before Base64.
            String basic = enc(settings.clientId()) + ":" + enc(settings.clientSecret());
            b.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=").append(enc(settings.clientId()))
                    .append("&client_secret=").append(enc(settings.clientSecret()));
        }
        b.POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).handle((resp, err) -> {
            if (err != null) {
                throw new IntrospectionException("introspection endpoint unreachable: "
                        + err.getClass().getSimpleName());
            }
            if (resp.statusCode() != 200) {
                throw new IntrospectionException("introspection endpoint answered " + resp.statusCode());
            }
            return parse(resp.body());
        });
    }

    private Introspection parse(String body) {
        Map<String, Object> json;
        try {
            if (body.length() > MAX_BODY) {
                throw new IntrospectionException("introspection answer too large");
            }
            json = JSONObjectUtils.parse(body);
        } catch (java.text.ParseException e) {
            throw new IntrospectionException("introspection answer is not a JSON object");
        }
        long nowMillis = System.currentTimeMillis();
        long now = nowMillis / 1000;
        long exp = json.get("exp") instanceof Number n ? n.longValue() : 0;
        boolean active = Boolean.TRUE.equals(json.get("active")) && (exp == 0 || exp > now);
        if (!active) {
            return new Introspection(false, Map.of(), exp, settings.inactiveCacheTtl().toNanos());
        }
        long ttl = settings.cacheTtl().toNanos();
        if (exp != 0) {
            // Kept until the exact second the token ends, never longer.
            ttl = Math.min(ttl, Duration.ofMillis(exp * 1000 - nowMillis).toNanos());
        }
        return new Introspection(true, json, exp, ttl);
    }

    static String sha256(String token) {
        return Digests.sha256Hex(token);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        cache.synchronous().invalidateAll();
        http.close();
    }
}
