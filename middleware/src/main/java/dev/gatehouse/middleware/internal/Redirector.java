package dev.gatehouse.middleware.internal;

import com.google.re2j.Pattern;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The redirect step shared by {@code redirectScheme} and {@code redirectRegex}, as Traefik shares it: rewrite
 * the request URL with a regex; when the result differs, answer with a redirect, else pass the request on.
 */
public final class Redirector {
    private final Pattern regex;
    private final String replacement;
    private final boolean permanent;

    /**
     * Creates the step.
     *
     * @param regex       matched against the full request URL
     * @param replacement the Go-style replacement template
     * @param permanent   301/308 instead of 302/307
     */
    public Redirector(Pattern regex, String replacement, boolean permanent) {
        this.regex = regex;
        this.replacement = replacement;
        this.permanent = permanent;
    }

    /**
     * Redirects or passes on.
     *
     * @param oldUrl the request URL as Traefik builds it for this middleware
     * @param ctx    the exchange
     * @param req    the request
     * @param next   the rest of the chain
     * @return the redirect, or what {@code next} returns
     */
    public HttpResponse apply(String oldUrl, RequestContext ctx, HttpRequest req, HttpHandler next) {
        if (!regex.matcher(oldUrl).find()) {
            return next.handle(ctx, req);
        }
        String newUrl = GoRegex.replaceAll(regex, oldUrl, replacement);
        if (hasControlChar(newUrl)) {
            // Go's url.Parse refuses control characters and Traefik then answers 502 Bad Gateway.
            ctx.errorDetail("redirect target is not a valid URL");
            return HttpResponse.text(502, "Bad Gateway");
        }
        if (newUrl.equals(oldUrl)) {
            return next.handle(ctx, req);
        }
        // Traefik keeps 302/301 for GET only; any other method gets 307/308 so the client keeps method and body.
        boolean get = HttpMethod.GET.equals(req.method());
        int status = permanent ? (get ? 301 : 308) : (get ? 302 : 307);
        HttpResponse r = HttpResponse.text(status, statusText(status));
        r.headers().set(HttpHeaderNames.LOCATION, newUrl);
        return r;
    }

    private static String statusText(int status) {
        return switch (status) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 307 -> "Temporary Redirect";
            default -> "Permanent Redirect";
        };
    }

    private static boolean hasControlChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
