package dev.gatehouse.cache;

import dev.gatehouse.cache.internal.CacheExchange;
import dev.gatehouse.cache.internal.CacheKeys;
import dev.gatehouse.cache.internal.CacheSettings;
import dev.gatehouse.cache.internal.Responses;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The {@code httpCache} middleware: answers GET and HEAD from stored responses where RFC 9111 allows, stores
 * what it may while the response streams to the client, and invalidates on unsafe methods (§4.4). Every
 * response through it carries {@code X-Cache-Status}: HIT, MISS, STALE, REVALIDATED or BYPASS.
 */
public final class HttpCacheMiddleware implements Middleware {
    private final CacheSettings settings;

    /** @param settings the resolved settings */
    public HttpCacheMiddleware(CacheSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        HttpMethod m = req.method();
        // Range requests are not served from whole stored responses; an Upgrade (WebSocket) must reach the service.
        if ((m == HttpMethod.GET || m == HttpMethod.HEAD) && !req.headers().contains(HttpHeaderNames.RANGE)
                && !req.headers().contains(HttpHeaderNames.UPGRADE)) {
            return new CacheExchange(settings, ctx, req, next).start(true);
        }
        boolean unsafe = m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS
                && m != HttpMethod.TRACE;
        // Taken now: middlewares after this one may rewrite the path.
        CacheKeys.Target target = unsafe ? CacheKeys.Target.of(req) : null;
        HttpResponse resp = next.handle(ctx, req);
        resp.onReady(r -> {
            if (unsafe && r.status() >= 200 && r.status() < 400) {
                invalidate(target, r);
            }
            r.headers().set(Responses.CACHE_STATUS, "BYPASS");
            settings.requests().increment(settings.name(), "BYPASS");
        });
        return resp;
    }

    /** §4.4: the target URI, and Location and Content-Location when they name the same host. */
    private void invalidate(CacheKeys.Target req, HttpResponse r) {
        settings.store().invalidate(req.key());
        for (CharSequence field : new CharSequence[] {HttpHeaderNames.LOCATION, HttpHeaderNames.CONTENT_LOCATION}) {
            String v = r.headers().get(field);
            String k = v == null ? null : CacheKeys.sameHostKey(req, v);
            if (k != null) {
                settings.store().invalidate(k);
            }
        }
    }
}
