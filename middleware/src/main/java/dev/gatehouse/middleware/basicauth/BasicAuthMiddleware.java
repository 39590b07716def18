package dev.gatehouse.middleware.basicauth;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.auth.AuthResult;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Checks {@code Authorization: Basic} credentials. Success records the user in
 * {@link StandardAttributes#CLIENT_USERNAME} and as the {@link Consumer}, optionally copies it into a header and removes the credentials,
 * then calls the service; failure answers 401 with {@code WWW-Authenticate: Basic realm="..."}.
 *
 * <pre>
 *  credentials ─▶ SHA / MD5-crypt ─────────────────────────────▶ check inline
 *              └▶ bcrypt ─▶ verified before? ──yes──────────────▶ continue inline
 *                                           └─no─▶ blocking executor ─▶ Pending, completed on the event loop
 * </pre>
 *
 * <p>It is an {@link dev.gatehouse.core.auth.Authenticator}, so {@code authAnyOf} can list it.
 */
final class BasicAuthMiddleware extends AuthenticationMiddleware {
    private final Map<String, PasswordHash> users;
    private final String challenge;
    private final String headerField;
    private final boolean removeHeader;
    private final Executor blocking;
    private final VerificationCache cache;

    BasicAuthMiddleware(Map<String, PasswordHash> users, String realm, String headerField, boolean removeHeader,
                        Executor blocking, VerificationCache cache) {
        this.users = users;
        this.challenge = "Basic realm=\"" + realm + "\"";
        this.headerField = headerField;
        this.removeHeader = removeHeader;
        this.blocking = blocking;
        this.cache = cache;
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, Math.min(6, header.length()))) {
            return AuthResult.ABSENT;
        }
        byte[] decoded = decode(header);
        int colon = decoded == null ? -1 : indexOf(decoded, (byte) ':');
        if (colon < 0) {
            return rejected("malformed credentials");
        }
        String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
        byte[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        PasswordHash hash = users.get(user);
        if (hash == null) {
            return rejected("unknown user");
        }
        if (!hash.slow()) {
            return hash.matches(password) ? accepted(user) : rejected("wrong password");
        }
        String key = cache.key(user, password);
        if (cache.isVerified(key)) {
            return accepted(user);
        }
        return new AuthResult.Pending(cache.verify(key, () -> hash.matches(password), blocking)
                .thenApply(ok -> Boolean.TRUE.equals(ok) ? accepted(user) : rejected("wrong password")));
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        return unauthorized();
    }

    private AuthResult accepted(String user) {
        Consumer consumer = new Consumer(user, List.of(), List.of(), Map.of(), null, "basicAuth");
        return new AuthResult.Success(consumer, req -> {
            if (headerField != null) {
                req.headers().set(headerField, user);
            }
            if (removeHeader) {
                req.headers().remove(HttpHeaderNames.AUTHORIZATION);
            }
        });
    }

    private AuthResult rejected(String reason) {
        return new AuthResult.Failure("basicAuth: " + reason, this::unauthorized);
    }

    private HttpResponse unauthorized() {
        HttpResponse r = HttpResponse.text(401, "401 Unauthorized\n");
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        return r;
    }

    /** The decoded credentials of a {@code Basic} header (scheme matched case-insensitively), or null. */
    private static byte[] decode(String header) {
        if (header.length() < 6) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(header.substring(6));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
