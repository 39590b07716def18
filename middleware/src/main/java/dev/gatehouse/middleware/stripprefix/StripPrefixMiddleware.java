package dev.gatehouse.middleware.stripprefix;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.middleware.internal.PathCodec;

/**
 * Removes the first prefix the decoded path starts with, from the raw path that goes upstream, and records it
 * in {@code X-Forwarded-Prefix}.
 *
 * <p>As in Traefik, the prefix is matched on the decoded path and cut from the raw path by its encoded length,
 * so {@code /ap%69/a%2Fb} with prefix {@code /api/} becomes {@code /a%2Fb}. Matching is not bound to segments
 * ({@code /stat} turns {@code /status} into {@code /us}), and a full match leaves an empty path, which goes
 * upstream as {@code /}. A result with a {@code .} or {@code ..} segment ({@code /api./x} less {@code /api}) is
 * refused with 400, as Traefik does, so stripping cannot open a path traversal.
 */
public final class StripPrefixMiddleware implements Middleware {
    /** The header that carries the stripped prefix. */
    public static final String FORWARDED_PREFIX = "X-Forwarded-Prefix";

    private final byte[][] prefixes;
    private final String[] headerValues;
    private final boolean forceSlash;

    StripPrefixMiddleware(byte[][] prefixes, String[] headerValues, boolean forceSlash) {
        this.prefixes = prefixes;
        this.headerValues = headerValues;
        this.forceSlash = forceSlash;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        String raw = req.path();
        for (int i = 0; i < prefixes.length; i++) {
            int n = PathCodec.rawPrefixLength(raw, prefixes[i]);
            if (n >= 0) {
                String stripped = stripped(raw.substring(n), forceSlash);
                if (PathCodec.hasDotSegment(PathCodec.decode(stripped))) {
                    return HttpResponse.text(400, "Bad Request");
                }
                req.path(stripped);
                req.headers().add(FORWARDED_PREFIX, headerValues[i]);
                return next.handle(ctx, req);
            }
        }
        return next.handle(ctx, req);
    }

    /**
     * The rest of a path once its prefix is cut, with Traefik's slash rules.
     *
     * @param rest       what follows the prefix
     * @param forceSlash the deprecated compatibility mode
     * @return the new path
     */
    static String stripped(String rest, boolean forceSlash) {
        if (forceSlash) {
            return rest.startsWith("/") ? rest : "/" + rest;
        }
        return PathCodec.ensureLeadingSlash(rest);
    }
}
