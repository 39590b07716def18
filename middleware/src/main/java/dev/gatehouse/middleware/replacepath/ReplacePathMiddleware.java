package dev.gatehouse.middleware.replacepath;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.PathCodec;

/** Replaces the path and records the old one in {@code X-Replaced-Path}. */
public final class ReplacePathMiddleware implements Middleware {
    /** The header that carries the path before replacement. */
    public static final String REPLACED_PATH = "X-Replaced-Path";

    private final String rawPath;

    ReplacePathMiddleware(String rawPath) {
        this.rawPath = rawPath;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        req.headers().add(REPLACED_PATH, replacedHeader(req));
        req.path(rawPath);
        return next.handle(ctx, req);
    }

    /**
     * What Traefik puts in {@code X-Replaced-Path}: the client's own encoding when it is not the canonical one,
     * else the path followed by {@code ?query} when there is a query (Go's {@code URL.String()}).
     */
    private static String replacedHeader(HttpRequest req) {
        String raw = req.path();
        if (req.rawQuery() == null || PathCodec.isNonCanonical(raw)) {
            return raw;
        }
        return raw + '?' + req.rawQuery();
    }
}
