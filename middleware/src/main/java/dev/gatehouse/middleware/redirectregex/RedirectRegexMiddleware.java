package dev.gatehouse.middleware.redirectregex;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.Redirector;

/**
 * Redirects when the regex rewrites the request URL. The URL is built as Traefik builds it: {@code https} when
 * the client connection is TLS, else {@code http}; the {@code Host} as sent, port included; then the raw path
 * and query.
 */
final class RedirectRegexMiddleware implements Middleware {
    private final Redirector redirector;

    RedirectRegexMiddleware(Redirector redirector) {
        this.redirector = redirector;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        String authority = req.authority() == null ? "" : req.authority();
        String url = (ctx.secure() ? "https://" : "http://") + authority + req.uri();
        return redirector.apply(url, ctx, req, next);
    }
}
