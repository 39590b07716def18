package dev.gatehouse.identity.apikey;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import dev.gatehouse.identity.Credentials;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code apiKey}: finds the key in the header, query or cookie, hashes it and looks the digest up.
 *
 * <pre>
 *  header ─▶ query ─▶ cookie ─▶ none: Absent (401)
 *                               found ─▶ (base64-decode) ─▶ SHA-256 ─▶ known: Consumer, key removed ─▶ next
 *                                                                    └▶ unknown: 401
 * </pre>
 */
final class ApiKeyMiddleware extends AuthenticationMiddleware {
    private final String header;
    private final String scheme;
    private final String query;
    private final String cookie;
    private final boolean base64;
    private final boolean forwardKey;
    private final ApiKeyStore store;
    private final String challenge;

    ApiKeyMiddleware(ApiKeySourceSpec source, boolean base64, boolean forwardKey, ApiKeyStore store) {
        this.header = blankToNull(source.header());
        this.scheme = blankToNull(source.headerAuthScheme());
        this.query = blankToNull(source.query());
        this.cookie = blankToNull(source.cookie());
        this.base64 = base64;
        this.forwardKey = forwardKey;
        this.store = store;
        this.challenge = scheme != null ? scheme : "ApiKey";
    }

    /** Where the key was found. */
    private enum Place { HEADER, QUERY, COOKIE }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        Place place = null;
        String key = header == null ? null : fromHeader(req);
        if (key != null) {
            place = Place.HEADER;
        } else if (query != null && (key = Credentials.queryParameter(req, query)) != null) {
            place = Place.QUERY;
            StandardAttributes.markSecretQueryParameter(ctx, query);
        } else if (cookie != null && (key = Credentials.cookie(req, cookie)) != null) {
            place = Place.COOKIE;
        }
        if (key == null || key.isEmpty()) {
            return AuthResult.ABSENT;
        }
        byte[] bytes = bytesOf(key);
        Consumer consumer = bytes == null ? null : store.find(bytes);
        if (consumer == null) {
            return new AuthResult.Failure("apiKey: key not accepted", this::unauthorized);
        }
        Place found = place;
        return new AuthResult.Success(consumer, forwardKey ? null : r -> remove(r, found));
    }

    private String fromHeader(HttpRequest req) {
        String value = req.headers().get(header);
        if (value == null) {
            return null;
        }
        if (scheme == null) {
            return value.strip();
        }
        int n = scheme.length();
        if (value.length() > n + 1 && value.regionMatches(true, 0, scheme, 0, n) && value.charAt(n) == ' ') {
            return value.substring(n + 1).strip();
        }
        return null;
    }

    private byte[] bytesOf(String key) {
        if (!base64) {
            return key.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void remove(HttpRequest req, Place place) {
        switch (place) {
            case HEADER -> req.headers().remove(header);
            case QUERY -> Credentials.removeQueryParameter(req, query);
            case COOKIE -> Credentials.removeCookie(req, cookie);
        }
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        return unauthorized();
    }

    private HttpResponse unauthorized() {
        HttpResponse r = HttpResponse.text(401, "401 Unauthorized\n");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        return r;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
