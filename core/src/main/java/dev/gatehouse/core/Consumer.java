package dev.gatehouse.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authenticated caller. Every authentication middleware that succeeds (jwt, apiKey, oidc,
 * oauth2Introspection, basicAuth, forwardAuth) sets one on the exchange under {@link StandardAttributes#CONSUMER};
 * rate limits, quotas, the access log, metrics and policies key on it, whichever middleware made it.
 *
 * <pre>
 *  jwt ─────────────┐
 *  apiKey ──────────┼─▶ Consumer{id, groups, scopes, claims, plan, method} ─▶ authorize, rateLimit, access log
 *  oidc, ... ───────┘
 * </pre>
 *
 * @param id      a stable identifier: a JWT's {@code sub}, an API key's consumer name; never a secret
 * @param groups  the groups the caller belongs to (a JWT's {@code groups} claim, a key's groups)
 * @param scopes  OAuth2 scopes granted to the caller (a JWT's {@code scope} or {@code scp} claim)
 * @param claims  the verified claims or key metadata; values are JSON types (String, Number, Boolean, List, Map)
 * @param plan    the caller's plan name, or null
 * @param method  how the caller was authenticated: the middleware kind ({@code jwt}, {@code apiKey}, ...) or
 *                {@code anonymous}
 */
public record Consumer(String id, List<String> groups, List<String> scopes, Map<String, Object> claims,
                       String plan, String method) {
    /** The method of a caller that presented no credentials where anonymous access is allowed. */
    public static final String ANONYMOUS_METHOD = "anonymous";

    /** The consumer id given to anonymous callers. */
    public static final String ANONYMOUS_ID = "anonymous";

    /** Copies the collections so a consumer never changes after it is made. */
    public Consumer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        groups = groups == null ? List.of() : List.copyOf(groups);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        claims = claims == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }

    /**
     * The consumer of an unauthenticated request on a route that allows it.
     *
     * @return the anonymous consumer
     */
    public static Consumer anonymous() {
        return new Consumer(ANONYMOUS_ID, List.of(), List.of(), Map.of(), null, ANONYMOUS_METHOD);
    }

    /** @return true when the caller presented no credentials */
    public boolean isAnonymous() {
        return ANONYMOUS_METHOD.equals(method);
    }
}
