package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mirroring}: the main service answers; each mirror gets a copy of its share of requests, and its
 * response is read and dropped. Shares are counted as Traefik does: a mirror takes a request while
 * {@code mirrored * 100 < total * percent}, so 50% is exactly every other request.
 *
 * <p>With {@code mirrorBody}, the body is read into memory (up to {@code maxBodySize}) before anything is
 * forwarded, and every copy is a retained slice of that one buffer. A larger body is not mirrored: the main
 * service gets what was read so far followed by the rest of the stream.
 */
public final class MirroringHandler implements ServiceHandler {
    /** One mirror. */
    public record Mirror(ServiceHandler handler, int percent, AtomicLong count) {
    }

    private final String name;
    private final ServiceHandler main;
    private final Mirror[] mirrors;
    private final boolean mirrorBody;
    private final long maxBodySize;
    private final AtomicLong total = new AtomicLong();

    /**
     * @param name        the qualified service name
     * @param main        the main service
     * @param mirrors     the mirrors
     * @param mirrorBody  copy bodies to mirrors
     * @param maxBodySize the largest body mirrored, or negative for no limit
     */
    public MirroringHandler(String name, ServiceHandler main, List<Mirror> mirrors, boolean mirrorBody,
                            long maxBodySize) {
        this.name = name;
        this.main = main;
        this.mirrors = mirrors.toArray(Mirror[]::new);
        this.mirrorBody = mirrorBody;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        ctx.service(name);
        long t = total.incrementAndGet();
        List<ServiceHandler> chosen = new ArrayList<>(mirrors.length);
        for (Mirror m : mirrors) {
            if (m.count().get() * 100 < t * m.percent()) {
                m.count().incrementAndGet();
                chosen.add(m.handler());
            }
        }
        if (chosen.isEmpty()) {
            return main.handle(ctx, req);
        }
        Body body = req.body();
        if (!mirrorBody || body.isEmpty()) {
            for (ServiceHandler m : chosen) {
                send(ctx, req, m, Body.empty());
            }
            return main.handle(ctx, req);
        }
        HttpResponse response = HttpResponse.pending();
        body.subscribe(new Collector(ctx, req, chosen, response));
        return response;
    }

    private static void send(RequestContext ctx, HttpRequest req, ServiceHandler mirror, Body body) {
        HttpHeaders h = new DefaultHttpHeaders(false).add(req.headers());
        if (body.contentLength() >= 0) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            h.set(HttpHeaderNames.CONTENT_LENGTH, body.contentLength());
        }
        RequestContext mctx = new RequestContext(ctx.eventLoop(), ctx.alloc(), ctx.clientAddress(),
                ctx.entryPoint(), ctx.secure());
        HttpRequest copy = new HttpRequest(req.method(), req.scheme(), req.authority(), req.path(), req.rawQuery(),
                h, body, req.protocol());
        HttpResponse r;
        try {
            r = mirror.handle(mctx, copy);
        } catch (RuntimeException e) {
            body.discard();
            mctx.complete();
            return;
        }
        r.onReady(resp -> resp.body().subscribe(new Drain(mctx)));
    }

    @Override
    public boolean healthy() {
        return main.healthy();
    }

    @Override
    public Map<String, String> serverStatus() {
        return Map.of();
    }

    /** Reads a mirror's response body and drops it, so its upstream connection can be reused. */
    private record Drain(RequestContext mctx) implements BodySubscriber {
        @Override
        public void onStart(Flow flow) {
        }

        @Override
        public void onData(ByteBuf chunk) {
            chunk.release();
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            mctx.complete();
        }

        @Override
        public void onError(Throwable cause) {
            mctx.complete();
        }
    }

    /** Collects the request body for the mirrors, then starts the main exchange and the mirrors. */
    private final class Collector implements BodySubscriber {
        private final RequestContext ctx;
        private final HttpRequest req;
        private final List<ServiceHandler> chosen;
        private final HttpResponse response;
        private CompositeByteBuf parts;
        private Flow flow;
        private dev.gatehouse.core.StreamBody rest;

        Collector(RequestContext ctx, HttpRequest req, List<ServiceHandler> chosen, HttpResponse response) {
            this.ctx = ctx;
            this.req = req;
            this.chosen = chosen;
            this.response = response;
        }

        @Override
        public void onStart(Flow f) {
            this.flow = f;
            this.parts = ctx.alloc().compositeBuffer(64);
        }

        @Override
        public void onData(ByteBuf chunk) {
            if (rest != null) {
                rest.push(chunk);
                return;
            }
            parts.addComponent(true, chunk);
            if (maxBodySize >= 0 && parts.readableBytes() > maxBodySize) {
                // Too large to mirror: the main service gets the bytes read so far, then the rest as it comes.
                rest = new dev.gatehouse.core.StreamBody(flow, req.body().contentLength());
                rest.push(parts);
                parts = null;
                req.body(rest);
                response.completeWith(main.handle(ctx, req));
            }
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            if (rest != null) {
                rest.end(trailers);
                return;
            }
            ByteBuf all = parts;
            parts = null;
            for (ServiceHandler m : chosen) {
                send(ctx, req, m, Body.of(all.retainedDuplicate()));
            }
            req.body(Body.of(all));
            response.completeWith(main.handle(ctx, req));
        }

        @Override
        public void onError(Throwable cause) {
            if (rest != null) {
                rest.fail(cause);
                return;
            }
            if (parts != null) {
                parts.release();
                parts = null;
            }
            if (!response.isReady()) {
                response.complete(400, new DefaultHttpHeaders(), Body.empty());
            }
        }
    }
}
