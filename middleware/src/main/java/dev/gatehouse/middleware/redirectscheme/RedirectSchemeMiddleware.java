package dev.gatehouse.middleware.redirectscheme;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.Redirector;

/**
 * Redirects to the configured scheme and port unless the request already uses them.
 *
 * <p>The URL compared is the one the client used, as Traefik computes it: {@code https} when the connection is
 * TLS, overridden by {@code X-Forwarded-Proto} ({@code http}/{@code ws} or {@code https}/{@code wss}, any case;
 * other values are ignored); the port of the {@code Host} header, dropped when it is the scheme's default. The
 * redirect keeps host, path and query. A request whose URL would not change passes on.
 */
final class RedirectSchemeMiddleware implements Middleware {
    private final Redirector redirector;

    RedirectSchemeMiddleware(Redirector redirector) {
        this.redirector = redirector;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        return redirector.apply(clientUrl(ctx, req), ctx, req, next);
    }

    private static String clientUrl(RequestContext ctx, HttpRequest req) {
        String authority = req.authority() == null ? "" : req.authority();
        String host = authority;
        String port = "";
        if (authority.startsWith("[")) {
            // Keep the brackets of an IPv6 literal, so the Location stays a valid URL.
            int close = authority.indexOf(']');
            if (close > 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                host = authority.substring(0, close + 1);
                port = authority.substring(close + 1);
            }
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0 && colon == authority.lastIndexOf(':')) {
                host = authority.substring(0, colon);
                port = authority.substring(colon);
            }
        }
        String scheme = ctx.secure() ? "https" : "http";
        String proto = req.headers().get("X-Forwarded-Proto");
        if (proto != null && !proto.isEmpty()) {
            if (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("ws")) {
                scheme = "http";
            } else if (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("wss")) {
                scheme = "https";
            }
        }
        if (("http".equals(scheme) && ":80".equals(port)) || ("https".equals(scheme) && ":443".equals(port))) {
            port = "";
        }
        return scheme + "://" + host + port + req.uri();
    }
}
