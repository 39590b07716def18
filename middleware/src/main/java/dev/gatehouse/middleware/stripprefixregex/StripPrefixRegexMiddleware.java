package dev.gatehouse.middleware.stripprefixregex;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.PathCodec;
import dev.gatehouse.middleware.stripprefix.StripPrefixMiddleware;
import java.nio.charset.StandardCharsets;

/**
 * Strips what the first matching regex matches, when that text is a prefix of the decoded path (the regex need
 * not be anchored; its first match must simply be the start of the path). The prefix is cut from the raw path
 * by its encoded length and recorded in {@code X-Forwarded-Prefix}, as in Traefik.
 */
final class StripPrefixRegexMiddleware implements Middleware {
    private final Pattern[] patterns;

    StripPrefixRegexMiddleware(Pattern[] patterns) {
        this.patterns = patterns;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        if (patterns.length == 0) {
            return next.handle(ctx, req);
        }
        String raw = req.path();
        String decoded = PathCodec.decode(raw);
        for (Pattern p : patterns) {
            Matcher m = p.matcher(decoded);
            if (!m.find()) {
                continue;
            }
            String prefix = m.group();
            if (prefix.isEmpty() || !decoded.startsWith(prefix)) {
                continue;
            }
            int n = PathCodec.rawPrefixLength(raw, prefix.getBytes(StandardCharsets.UTF_8));
            if (n < 0) {
                continue;
            }
            String stripped = PathCodec.ensureLeadingSlash(raw.substring(n));
            if (PathCodec.hasDotSegment(PathCodec.decode(stripped))) {
                return HttpResponse.text(400, "Bad Request");
            }
            req.headers().add(StripPrefixMiddleware.FORWARDED_PREFIX, prefix);
            req.path(stripped);
            return next.handle(ctx, req);
        }
        return next.handle(ctx, req);
    }
}
