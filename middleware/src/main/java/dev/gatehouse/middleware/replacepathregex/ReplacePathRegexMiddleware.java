package dev.gatehouse.middleware.replacepathregex;

import com.google.re2j.Pattern;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.GoRegex;
import dev.gatehouse.middleware.internal.PathCodec;
import dev.gatehouse.middleware.replacepath.ReplacePathMiddleware;

/**
 * Rewrites the raw path with a regex and records the old one in {@code X-Replaced-Path}. As in Traefik the regex
 * sees the encoded path, so a replacement may introduce escapes such as {@code %2F}; an empty replacement turns
 * the middleware off.
 */
final class ReplacePathRegexMiddleware implements Middleware {
    private final Pattern regex;
    private final String replacement;

    ReplacePathRegexMiddleware(Pattern regex, String replacement) {
        this.regex = regex;
        this.replacement = replacement;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        String raw = req.path();
        if (replacement.isEmpty() || !regex.matcher(raw).find()) {
            return next.handle(ctx, req);
        }
        String rewritten = GoRegex.replaceAll(regex, raw, replacement);
        if (!PathCodec.hasValidEscapes(rewritten)) {
            // Traefik answers 500 with the unescape error when the rewritten path does not decode.
            ctx.errorDetail("replacePathRegex produced an invalid path escape");
            return HttpResponse.text(500, "invalid URL escape in rewritten path");
        }
        req.headers().add(ReplacePathMiddleware.REPLACED_PATH, raw);
        req.path(PathCodec.forwardable(rewritten));
        return next.handle(ctx, req);
    }
}
