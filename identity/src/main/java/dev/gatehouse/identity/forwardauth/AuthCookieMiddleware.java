package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.identity.spi.AuthResult;
import dev.gatehouse.identity.spi.Authenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code addAuthCookiesToResponse}: on the way back, the backend's cookies of the listed names are replaced by
 * those the authentication server set, as Traefik does once the server set any cookie at all.
 */
final class AuthCookieMiddleware implements Middleware, Authenticator {
    private final ForwardAuthMiddleware auth;
    private final Set<String> names;

    AuthCookieMiddleware(ForwardAuthMiddleware auth, Set<String> names) {
        this.auth = auth;
        this.names = names;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        return auth.handle(ctx, req, next).onReady(resp -> merge(ctx, resp));
    }

    private void merge(RequestContext ctx, HttpResponse resp) {
        AuthAnswers.AuthCookies auth = ctx.get(AuthAnswers.AUTH_COOKIES);
        if (auth == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String c : resp.headers().getAll("Set-Cookie")) {
            if (!names.contains(cookieName(c))) {
                kept.add(c);
            }
        }
        for (String c : auth.setCookies()) {
            if (names.contains(cookieName(c))) {
                kept.add(c);
            }
        }
        resp.headers().remove("Set-Cookie");
        resp.headers().add("Set-Cookie", kept);
    }

    private static String cookieName(String setCookie) {
        int eq = setCookie.indexOf('=');
        return (eq < 0 ? "" : setCookie.substring(0, eq)).trim();
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        return auth.authenticate(ctx, req);
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        return auth.challenge(ctx, req);
    }
}
