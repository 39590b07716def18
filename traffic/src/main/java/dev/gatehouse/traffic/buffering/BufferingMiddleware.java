package dev.gatehouse.traffic.buffering;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodyTooLargeException;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Reads the whole request body before calling the upstream, and the whole response body before answering, so
 * both travel with a {@code Content-Length}. A request body over the limit gets 413, a response body over its
 * limit 500, as in Traefik. Bodies are held in memory.
 *
 * <pre>
 *  request body ──aggregate(maxRequest)──▶ next ──response──▶ aggregate(maxResponse) ──▶ client
 *        └─ too large: 413                                      └─ too large: 500
 * </pre>
 */
public final class BufferingMiddleware implements Middleware {
    /** The most a Netty buffer can hold; "no limit" means this. */
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;

    private final long maxRequest;
    private final long maxResponse;
    private final int requestLimit;
    private final int responseLimit;

    BufferingMiddleware(long maxRequest, long maxResponse) {
        this.maxRequest = maxRequest;
        this.maxResponse = maxResponse;
        this.requestLimit = limit(maxRequest);
        this.responseLimit = limit(maxResponse);
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        Exchange ex = new Exchange();
        ctx.onComplete(ex::end);
        Body body = req.body();
        if (body.isEmpty()) {
            return forward(ctx, req, next, ex);
        }
        if (maxRequest > 0 && body.contentLength() > maxRequest) {
            return HttpResponse.text(413, "Request Entity Too Large");
        }
        HttpResponse outer = HttpResponse.pending();
        body.aggregate(requestLimit, (buf, err) -> {
            if (err != null) {
                outer.completeWith(err instanceof BodyTooLargeException ? tooLarge() : badRequest());
                return;
            }
            if (ex.ended) {
                buf.release();
                return;
            }
            HttpHeaders h = req.headers();
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            h.set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
            req.body(Body.of(buf));
            outer.completeWith(forward(ctx, req, next, ex));
        });
        return outer;
    }

    private HttpResponse forward(RequestContext ctx, HttpRequest req, HttpHandler next, Exchange ex) {
        boolean head = HttpMethod.HEAD.equals(req.method());
        HttpResponse outer = HttpResponse.pending();
        next.handle(ctx, req).onReady(r -> {
            Body body = r.body();
            if (head || r.status() < 200 || r.status() == 204 || r.status() == 304 || body.isEmpty()) {
                outer.complete(r.status(), r.headers(), body);
                return;
            }
            if (maxResponse > 0 && body.contentLength() > maxResponse) {
                body.discard();
                outer.completeWith(serverError());
                return;
            }
            body.aggregate(responseLimit, (buf, err) -> {
                if (err != null) {
                    ctx.errorDetail("buffering: response body: " + err.getMessage());
                    outer.completeWith(err instanceof BodyTooLargeException ? serverError() : badGateway());
                    return;
                }
                if (ex.ended) {
                    buf.release();
                    return;
                }
                HttpHeaders h = r.headers();
                h.remove(HttpHeaderNames.TRANSFER_ENCODING);
                h.set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
                outer.complete(r.status(), h, Body.of(buf));
            });
        });
        return outer;
    }

    private static int limit(long max) {
        return max <= 0 || max > MAX_BUFFER ? MAX_BUFFER : (int) max;
    }

    private static HttpResponse tooLarge() {
        return HttpResponse.text(413, "Request Entity Too Large");
    }

    private static HttpResponse badRequest() {
        return HttpResponse.text(400, "Bad Request");
    }

    private static HttpResponse serverError() {
        return HttpResponse.text(500, "Internal Server Error");
    }

    private static HttpResponse badGateway() {
        return HttpResponse.text(502, "Bad Gateway");
    }

    /** Per-exchange flag: buffers that complete after the exchange ended are freed, not sent. */
    private static final class Exchange {
        boolean ended;

        void end() {
            ended = true;
        }
    }
}
