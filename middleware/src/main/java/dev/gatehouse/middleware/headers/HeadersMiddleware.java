package dev.gatehouse.middleware.headers;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * Custom headers, CORS and security headers, in Traefik's order:
 *
 * <pre>
 *  request ─▶ CORS preflight? ──yes──▶ 200 with CORS headers (the service is not called)
 *             └─no─▶ custom request headers ─▶ allowed host? ──no──▶ 500 Bad Host
 *                                                └─yes─▶ service
 *  response ◀── custom response headers, CORS headers ◀── security headers ◀──┘
 * </pre>
 *
 * Custom response headers therefore win over security headers, and both over the service's own values.
 */
final class HeadersMiddleware implements Middleware {
    private final HeaderEdits requestEdits;
    private final String hostOverride;
    private final HeaderEdits responseEdits;
    private final CorsPolicy cors;
    private final SecurityHeaders security;
    private final boolean touchesResponse;

    HeadersMiddleware(HeaderEdits requestEdits, HeaderEdits responseEdits, CorsPolicy cors,
                      SecurityHeaders security) {
        this.requestEdits = requestEdits;
        this.hostOverride = requestEdits.host();
        this.responseEdits = responseEdits;
        this.cors = cors;
        this.security = security;
        this.touchesResponse = !responseEdits.isEmpty() || cors.enabled();
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        if (cors.enabled() && cors.isPreflight(req)) {
            return cors.preflight(req);
        }
        if (!requestEdits.isEmpty()) {
            requestEdits.applyTo(req.headers(), true);
            if (hostOverride != null) {
                // Traefik sets the request's Host, not a header: it is the authority that goes upstream.
                req.authority(hostOverride);
            }
        }
        HttpResponse response;
        if (security == null) {
            response = next.handle(ctx, req);
        } else if (!security.hostAllowed(req)) {
            response = HttpResponse.text(500, "Bad Host\n");
            response.headers().set("X-Content-Type-Options", "nosniff");
        } else {
            boolean ssl = security.isSsl(ctx, req);
            response = next.handle(ctx, req);
            response.onReady(r -> security.apply(r.headers(), ssl));
        }
        if (touchesResponse) {
            response.onReady(r -> {
                responseEdits.applyTo(r.headers(), false);
                if (cors.enabled()) {
                    cors.applyToResponse(req.headers().get(HttpHeaderNames.ORIGIN), r.headers());
                }
            });
        }
        return response;
    }
}
