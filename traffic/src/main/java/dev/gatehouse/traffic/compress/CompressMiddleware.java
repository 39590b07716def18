package dev.gatehouse.traffic.compress;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compresses responses with the encoding the client prefers among those offered.
 *
 * <pre>
 *  request: HEAD, excluded request type, or no acceptable encoding ─▶ untouched
 *  response: 1xx/204/304, empty, already encoded, type not eligible, known length &lt; min ─▶ untouched
 *            known length ≥ min ─▶ compressed stream
 *            unknown length ─▶ read up to min bytes (1 for text/event-stream), then decide
 * </pre>
 */
public final class CompressMiddleware implements Middleware {
    private static final String EVENT_STREAM = "text/event-stream";
    /** Stands for "no Content-Type", which is eligible. */
    private static final MediaType UNTYPED = new MediaType("", Map.of());

    private final AcceptEncoding acceptEncoding;
    private final String defaultEncoding;
    private final Set<String> requestExcludes;
    private final List<MediaType> excludes;
    private final List<MediaType> includes;
    private final int minSize;

    CompressMiddleware(AcceptEncoding acceptEncoding, String defaultEncoding, Set<String> requestExcludes,
                       List<MediaType> excludes, List<MediaType> includes, int minSize) {
        this.acceptEncoding = acceptEncoding;
        this.defaultEncoding = defaultEncoding;
        this.requestExcludes = requestExcludes;
        this.excludes = excludes;
        this.includes = includes;
        this.minSize = minSize;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        String encoding = chooseEncoding(req);
        if (encoding == null) {
            return next.handle(ctx, req);
        }
        HttpResponse inner = next.handle(ctx, req);
        HttpResponse outer = HttpResponse.pending();
        inner.onReady(r -> respond(ctx, r, outer, encoding));
        return outer;
    }

    private String chooseEncoding(HttpRequest req) {
        if (HttpMethod.HEAD.equals(req.method())) {
            return null;
        }
        // As in Traefik, the request's own content type can rule compression out (gRPC, say).
        if (requestExcludes.contains(MediaType.baseOf(req.headers().get(HttpHeaderNames.CONTENT_TYPE)))) {
            return null;
        }
        List<String> values = req.headers().getAll(HttpHeaderNames.ACCEPT_ENCODING);
        if (values.isEmpty()) {
            // No Accept-Encoding: compress only when a default is configured (Traefik keeps old clients safe).
            return defaultEncoding;
        }
        return acceptEncoding.choose(values);
    }

    private void respond(RequestContext ctx, HttpResponse r, HttpResponse outer, String encoding) {
        addVary(r.headers());
        MediaType type = eligibleType(r);
        long length = r.body().contentLength();
        if (type == null || (length >= 0 && length < minSize)) {
            outer.complete(r.status(), r.headers(), r.body());
            return;
        }
        boolean eventStream = type != UNTYPED && EVENT_STREAM.equals(type.type());
        // Events must not wait for a kilobyte to pile up: decide on the first bytes, as Traefik's flush does.
        int threshold = length >= 0 ? 0 : eventStream ? 1 : minSize;
        ResponseCompression compression = new ResponseCompression(r, outer, encoding, threshold);
        ctx.onComplete(compression::dispose);
        compression.start();
    }

    private MediaType eligibleType(HttpResponse r) {
        int status = r.status();
        if (status < 200 || status == 204 || status == 304 || r.body().isEmpty()) {
            return null;
        }
        HttpHeaders h = r.headers();
        String ce = h.get(HttpHeaderNames.CONTENT_ENCODING);
        if (ce != null && !ce.isEmpty()) {
            return null;
        }
        String ct = h.get(HttpHeaderNames.CONTENT_TYPE);
        if (ct == null || ct.isEmpty()) {
            return UNTYPED;
        }
        MediaType type = MediaType.parse(ct);
        if (type == null) {
            return null;
        }
        if (!includes.isEmpty()) {
            return includes.stream().anyMatch(m -> m.matches(type)) ? type : null;
        }
        return excludes.stream().anyMatch(m -> m.matches(type)) ? null : type;
    }

    private static void addVary(HttpHeaders h) {
        for (String v : h.getAll(HttpHeaderNames.VARY)) {
            for (String item : v.split(",")) {
                String t = item.trim();
                if (t.equals("*") || t.equalsIgnoreCase("Accept-Encoding")) {
                    return;
                }
            }
        }
        h.add(HttpHeaderNames.VARY, "Accept-Encoding");
    }
}
