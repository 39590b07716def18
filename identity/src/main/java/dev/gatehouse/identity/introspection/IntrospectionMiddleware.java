package dev.gatehouse.identity.introspection;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import dev.gatehouse.identity.oidc.ClaimHeaders;
import dev.gatehouse.identity.oidc.ConsumerClaims;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code oauth2Introspection}: lets a request in when its Bearer token is active at the authorization server.
 *
 * <pre>
 *  no Bearer token ─▶ 401 WWW-Authenticate: Bearer
 *  token ─▶ IntrospectionClient (cached) ─▶ active: Success(Consumer; forwardHeaders)
 *                                        ├▶ inactive or expired: 401 error="invalid_token"
 *                                        └▶ endpoint down, 5xx, bad answer: 503
 * </pre>
 */
public final class IntrospectionMiddleware extends AuthenticationMiddleware {
    /** The Consumer's method. */
    static final String METHOD = "oauth2Introspection";
    /** Longer tokens are refused without a call. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private final IntrospectionClient client;
    private final ClaimHeaders claimHeaders;
    private final ConsumerClaims consumerClaims;

    IntrospectionMiddleware(IntrospectionClient client, ClaimHeaders claimHeaders, ConsumerClaims consumerClaims) {
        this.client = client;
        this.claimHeaders = claimHeaders;
        this.consumerClaims = consumerClaims;
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return AuthResult.ABSENT;
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return invalid("malformed Bearer token");
        }
        CompletableFuture<AuthResult> done = client.introspect(token).handle((answer, err) -> {
            if (err != null) {
                Throwable cause = err.getCause() != null ? err.getCause() : err;
                String why = cause instanceof IntrospectionException ? cause.getMessage() : cause.toString();
                return new AuthResult.Failure("introspection unavailable: " + why,
                        () -> HttpResponse.text(503, "Service Unavailable\n"));
            }
            return decide(answer);
        });
        return done.isDone() ? done.join() : new AuthResult.Pending(done);
    }

    private AuthResult decide(Introspection answer) {
        if (!answer.activeAt(System.currentTimeMillis() / 1000)) {
            return invalid("token inactive or expired");
        }
        Map<String, Object> claims = answer.claims();
        Consumer consumer = consumerClaims.toConsumer(claims, METHOD);
        if (consumer == null && consumerClaims.id() == null && claims.get("client_id") instanceof String cid) {
            // Client-credentials tokens often have no sub: the client is the caller.
            consumer = consumerClaims.toConsumer(cid, claims, METHOD);
        }
        if (consumer == null) {
            return invalid("active token without a " + consumerClaims.idClaim() + " claim");
        }
        return new AuthResult.Success(consumer, r -> claimHeaders.apply(r, claims));
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        HttpResponse r = HttpResponse.text(401, "Unauthorized\n");
        r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        return r;
    }

    private static AuthResult invalid(String reason) {
        return new AuthResult.Failure(reason, () -> {
            HttpResponse r = HttpResponse.text(401, "Unauthorized\n");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return r;
        });
    }
}
