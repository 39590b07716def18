package dev.gatehouse.middleware.headers;

import com.google.re2j.Pattern;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.middleware.internal.GoRegex;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/**
 * The CORS part of {@code headers}, precomputed. Traefik's rules, which are simpler than the Fetch standard:
 * a preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered here
 * with 200 and never reaches the service; other responses get {@code Access-Control-Allow-Origin} when the
 * origin is allowed. With credentials on, a wildcard origin, method or header list echoes the request's value
 * instead of {@code *}, which browsers refuse together with credentials, and a wildcard expose list is dropped.
 */
final class CorsPolicy {
    private final boolean enabled;
    private final boolean credentials;
    private final String allowHeaders;
    private final boolean echoRequestHeaders;
    private final String allowMethods;
    private final boolean echoRequestMethod;
    private final String[] origins;
    private final Pattern[] originRegexes;
    private final String exposeHeaders;
    private final String maxAge;
    private final boolean addVary;

    CorsPolicy(HeadersSpec s) {
        List<String> allowH = nonNull(s.accessControlAllowHeaders());
        List<String> allowM = nonNull(s.accessControlAllowMethods());
        List<String> originList = nonNull(s.accessControlAllowOriginList());
        List<String> regexList = nonNull(s.accessControlAllowOriginListRegex());
        List<String> expose = nonNull(s.accessControlExposeHeaders());
        this.credentials = Boolean.TRUE.equals(s.accessControlAllowCredentials());
        this.addVary = Boolean.TRUE.equals(s.addVaryHeader());
        this.enabled = credentials || !allowH.isEmpty() || !allowM.isEmpty() || !originList.isEmpty()
                || !regexList.isEmpty() || !expose.isEmpty()
                || (s.accessControlMaxAge() != null && s.accessControlMaxAge() != 0) || addVary;
        this.allowHeaders = String.join(",", allowH);
        this.echoRequestHeaders = credentials && allowH.contains("*");
        this.allowMethods = String.join(",", allowM);
        this.echoRequestMethod = credentials && allowM.contains("*");
        this.origins = originList.toArray(String[]::new);
        this.originRegexes = new Pattern[regexList.size()];
        for (int i = 0; i < originRegexes.length; i++) {
            // Traefik compiles these as written; a regex error names the list entry.
            originRegexes[i] = GoRegex.compile("accessControlAllowOriginListRegex[" + i + "]", regexList.get(i),
                    false);
        }
        this.exposeHeaders = expose.isEmpty() || (credentials && expose.contains("*")) ? null
                : String.join(",", expose);
        this.maxAge = s.accessControlMaxAge() == null ? null : Long.toString(s.accessControlMaxAge());
    }

    /** @return true when any CORS key is set */
    boolean enabled() {
        return enabled;
    }

    /** @return true for a CORS preflight request */
    boolean isPreflight(HttpRequest req) {
        if (!HttpMethod.OPTIONS.equals(req.method())) {
            return false;
        }
        String method = req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        return method != null && !method.isEmpty() && origin != null && !origin.isEmpty();
    }

    /** @return the answer to a preflight request */
    HttpResponse preflight(HttpRequest req) {
        HttpResponse r = HttpResponse.of(200);
        HttpHeaders h = r.headers();
        if (credentials) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (echoRequestHeaders) {
            String requested = req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
            if (requested != null && !requested.isEmpty()) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
            }
        } else if (!allowHeaders.isEmpty()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, allowHeaders);
        }
        if (echoRequestMethod) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                    req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD));
        } else if (!allowMethods.isEmpty()) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, allowMethods);
        }
        String allowed = matchOrigin(req.headers().get(HttpHeaderNames.ORIGIN));
        if (allowed != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        }
        if (maxAge != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, maxAge);
        }
        if (exposeHeaders != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
        }
        h.set(HttpHeaderNames.CONTENT_LENGTH, "0");
        return r;
    }

    /**
     * Adds the CORS headers of an actual (not preflight) response.
     *
     * @param origin   the request's {@code Origin}, or null
     * @param response the response headers
     */
    void applyToResponse(String origin, HttpHeaders response) {
        String allowed = matchOrigin(origin);
        if (allowed != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        }
        if (credentials) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (exposeHeaders != null) {
            response.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
        }
        if (addVary) {
            String vary = response.get(HttpHeaderNames.VARY);
            if (!"Origin".equals(vary)) {
                response.set(HttpHeaderNames.VARY, vary == null || vary.isEmpty() ? "Origin" : vary + ",Origin");
            }
        }
    }

    /**
     * The {@code Access-Control-Allow-Origin} value for an origin, or null when it is not allowed. A listed
     * {@code *} allows any origin, even an absent one, as in Traefik.
     */
    private String matchOrigin(String origin) {
        String o = origin == null ? "" : origin;
        for (String item : origins) {
            if (item.equals(o)) {
                return item;
            }
            if (item.equals("*")) {
                if (!credentials) {
                    return item;
                }
                // With credentials the origin is echoed; there is nothing to echo when the client sent none.
                return o.isEmpty() ? null : o;
            }
        }
        for (Pattern p : originRegexes) {
            if (p.matcher(o).find()) {
                return o;
            }
        }
        return null;
    }

    private static List<String> nonNull(List<String> l) {
        return l == null ? List.of() : l;
    }
}
