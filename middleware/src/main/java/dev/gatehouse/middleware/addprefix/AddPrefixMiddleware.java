package dev.gatehouse.middleware.addprefix;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.PathCodec;

/** Prepends a fixed, already escaped prefix to the raw path, adding a leading slash when the result lacks one. */
final class AddPrefixMiddleware implements Middleware {
    private final String rawPrefix;

    AddPrefixMiddleware(String rawPrefix) {
        this.rawPrefix = rawPrefix;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        req.path(PathCodec.ensureLeadingSlash(rawPrefix + req.path()));
        return next.handle(ctx, req);
    }
}
