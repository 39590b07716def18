package dev.gatehouse.identity.jwt;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import dev.gatehouse.identity.Credentials;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code jwt}: verifies a bearer token and sets the Consumer from its claims.
 *
 * <pre>
 *  no token ─▶ Absent (401, WWW-Authenticate: Bearer)
 *  token ─▶ TokenVerifier ─▶ Valid ─▶ Consumer, forwarded claim headers, Authorization stripped (unless kept)
 *                        ├▶ Invalid ─▶ 401, WWW-Authenticate: Bearer error="invalid_token"
 *                        ├▶ Forbidden (claims check) ─▶ 403, Bearer error="insufficient_scope"
 *                        └▶ AwaitKeys ─▶ Pending until the JWKS fetch completes, then verified once more
 * </pre>
 */
final class JwtMiddleware extends AuthenticationMiddleware {
    private final TokenVerifier verifier;
    private final Map<String, String> forwardHeaders;
    private final String queryKey;
    private final boolean forwardAuthorization;

    JwtMiddleware(TokenVerifier verifier, Map<String, String> forwardHeaders,
                  String queryKey, boolean forwardAuthorization) {
        this.verifier = verifier;
        this.forwardHeaders = Map.copyOf(forwardHeaders);
        this.queryKey = queryKey;
        this.forwardAuthorization = forwardAuthorization;
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        BearerToken token = BearerToken.find(req, queryKey);
        if (token == null) {
            return AuthResult.ABSENT;
        }
        if (token.fromQuery()) {
            StandardAttributes.markSecretQueryParameter(ctx, queryKey);
        }
        return decideOn(token, verifier.verify(token.token(), System.currentTimeMillis(), true));
    }

    private AuthResult decideOn(BearerToken token, Verdict verdict) {
        return switch (verdict) {
            case Verdict.Valid v -> success(token, v.consumer());
            case Verdict.Invalid i -> invalid(i.reason());
            case Verdict.Forbidden f -> new AuthResult.Failure("jwt: " + f.reason(), JwtMiddleware::forbidden);
            case Verdict.AwaitKeys a -> new AuthResult.Pending(a.keys().handle((keys, err) -> afterKeys(token, err)));
        };
    }

    /**
     * Verifies again once a fetch has finished, without starting another. A failed refetch for an unknown key id
     * still leaves the old keys, so the token gets its 401; only a source with no keys at all fails the stage
     * (503).
     */
    private AuthResult afterKeys(BearerToken token, Throwable err) {
        Verdict v = verifier.verify(token.token(), System.currentTimeMillis(), false);
        if (v instanceof Verdict.AwaitKeys) {
            throw new CompletionException(err != null ? err : new IllegalStateException("JWK set not available"));
        }
        return decideOn(token, v);
    }

    private AuthResult success(BearerToken token, Consumer consumer) {
        if (consumer == null) {
            return invalid("no claim names the caller");
        }
        return new AuthResult.Success(consumer, req -> {
            if (!forwardAuthorization) {
                if (token.fromQuery()) {
                    Credentials.removeQueryParameter(req, queryKey);
                } else {
                    req.headers().remove(HttpHeaderNames.AUTHORIZATION);
                }
            }
            for (Map.Entry<String, String> e : forwardHeaders.entrySet()) {
                req.headers().set(e.getKey(), ClaimPaths.headerValue(ClaimPaths.lookup(consumer.claims(),
                        e.getValue())));
            }
        });
    }

    private static AuthResult invalid(String reason) {
        return new AuthResult.Failure("jwt: " + reason, JwtMiddleware::invalidTokenResponse);
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        return unauthorized("Bearer");
    }

    private static HttpResponse invalidTokenResponse() {
        return unauthorized("Bearer error=\"invalid_token\"");
    }

    /** RFC 6750 section 3.1: a valid token without the privileges the route needs. */
    private static HttpResponse forbidden() {
        HttpResponse r = HttpResponse.text(403, "403 Forbidden\n");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        return r;
    }

    private static HttpResponse unauthorized(String challenge) {
        HttpResponse r = HttpResponse.text(401, "401 Unauthorized\n");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        return r;
    }
}
