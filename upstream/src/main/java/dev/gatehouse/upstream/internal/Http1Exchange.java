package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.ContentLengths;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.core.net.BatchedFlush;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request/response over a pooled HTTP/1.1 connection, on the exchange's event loop.
 *
 * <pre>
 *  acquire ─▶ write head ─▶ stream request body (paused while the socket is not writable)
 *          ─▶ response head ─▶ complete the HttpResponse with a StreamBody (its Flow toggles autoRead)
 *          ─▶ chunks pushed as they arrive ─▶ last chunk: pool the connection (keep-alive) or close it
 *  failure before the head: 502 (504 on timeouts), UPSTREAM_NOT_REACHED; after it: the body fails
 * </pre>
 *
 * A 101 answer to an upgrade request hands the connection to an {@link UpgradeTunnel}.
 */
final class Http1Exchange implements UpstreamConnection.Listener, Flow, ConnectionPool.Callback {
    private final RequestContext ctx;
    private final dev.gatehouse.core.HttpRequest req;
    private final HttpRequest head;
    private final dev.gatehouse.core.HttpResponse response;
    private final String upgrade;
    private final ConnectionPool pool;
    private final Outcome outcome;
    private final boolean bodyless;
    private UpstreamConnection conn;
    private Channel ch;
    private ScheduledFuture<?> headerTimer;
    private Flow requestFlow;
    private boolean requestPaused;
    private boolean requestEndQueued;
    private boolean headReceived;
    private boolean skippingInformational;
    private boolean keepAlive;
    private boolean finished;
    private boolean retried;
    private StreamBody body;

    Http1Exchange(RequestContext ctx, dev.gatehouse.core.HttpRequest req, HttpRequest head,
                  dev.gatehouse.core.HttpResponse response, String upgrade, ConnectionPool pool, Outcome outcome) {
        this.ctx = ctx;
        this.req = req;
        this.head = head;
        this.response = response;
        this.upgrade = upgrade;
        this.pool = pool;
        this.outcome = outcome;
        this.bodyless = upgrade != null || req.body().contentLength() == 0;
    }

    /** Starts the exchange; call on the exchange's event loop. */
    void start() {
        ctx.onComplete(this::clientGone);
        pool.acquire(ctx.eventLoop(), upgrade != null, this);
    }

    /**
     * Starts the exchange on a connection another exchange obtained (an HTTP/2 exchange whose server now
     * answers HTTP/1.1 by ALPN).
     *
     * @param c the fresh connection
     */
    void startOn(UpstreamConnection c) {
        ctx.onComplete(this::clientGone);
        // The HTTP/2 codec marked the head with its scheme; that header must not reach an HTTP/1.1 server.
        head.headers().remove(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text());
        accept(c, null);
    }

    @Override
    public void acceptHttp2(Http2Connection c) {
        if (finished) {
            return;
        }
        // ALPN chose h2: the exchange continues as a stream. This one steps aside; clientGone is now a no-op.
        finished = true;
        new Http2Exchange(ctx, req, head, response, pool, outcome).startOn(c);
    }

    @Override
    public void accept(UpstreamConnection c, Throwable cause) {
        if (cause != null) {
            failBeforeHead(cause);
            return;
        }
        if (finished) {
            // The client left while we dialled: the fresh connection is clean, keep it.
            c.detach();
            pool.release(c);
            return;
        }
        conn = c;
        ch = c.channel();
        c.attach(this);
        if (bodyless) {
            DefaultFullHttpRequest full = new DefaultFullHttpRequest(head.protocolVersion(), head.method(),
                    head.uri(), Unpooled.EMPTY_BUFFER, head.headers(), EmptyHttpHeaders.INSTANCE);
            requestEndQueued = true;
            // A void promise: nothing waits on the write, and a failure reaches exceptionCaught, which fails us.
            ch.write(full, ch.voidPromise());
            BatchedFlush.flushSoon(ch);
            startHeaderTimer();
            return;
        }
        ch.writeAndFlush(head, ch.voidPromise());
        req.body().subscribe(new RequestBodyWriter());
    }

    private void startHeaderTimer() {
        long ms = pool.key().transport().responseHeaderMillis();
        if (ms > 0 && !headReceived && !finished) {
            headerTimer = ctx.eventLoop().schedule(() -> {
                if (!headReceived && !finished) {
                    failBeforeHead(new UpstreamErrors.ResponseHeaderTimeoutException(ms));
                }
            }, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onRead(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            ReferenceCountUtil.release(msg);
            onHead(r);
        } else if (msg instanceof HttpContent c) {
            onContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpResponse r) {
        if (r.decoderResult().isFailure()) {
            failBeforeHead(new IOException("malformed response from upstream: " + r.decoderResult().cause()));
            return;
        }
        int status = r.status().code();
        if (status == 101 && upgrade != null) {
            cancelHeaderTimer();
            headReceived = true;
            finished = true;
            outcome.head(101, null);
            new UpgradeTunnel(ch, req.body(), response, outcome).start(r.headers());
            return;
        }
        if (status >= 100 && status < 200) {
            // 100 Continue and other interim answers are not forwarded; the final head follows.
            skippingInformational = true;
            return;
        }
        cancelHeaderTimer();
        headReceived = true;
        HopByHop.ResponseFacts facts = HopByHop.stripResponseInPlace(r.headers());
        // As HttpUtil.isKeepAlive reads it, from the Connection tokens the strip saw.
        keepAlive = !facts.close && (r.protocolVersion().isKeepAliveDefault() || facts.keepAlive);
        HttpHeaders headers = r.headers();
        long length = HttpMethod.HEAD.equals(head.method()) || status == 204 || status == 304
                ? 0 : contentLength(facts.contentLength, r);
        body = new StreamBody(this, length);
        outcome.head(status, null);
        response.complete(status, headers, body);
    }

    /** The decoder already refused a malformed Content-Length; anything odd left goes the long way. */
    private static long contentLength(String value, HttpResponse r) {
        if (value == null) {
            return -1L;
        }
        long n = ContentLengths.parse(value);
        return n >= 0 ? n : HttpUtil.getContentLength(r, -1L);
    }

    private void onContent(HttpContent c) {
        if (skippingInformational || body == null) {
            if (c instanceof LastHttpContent) {
                skippingInformational = false;
            }
            c.release();
            return;
        }
        ByteBuf data = c.content();
        if (c instanceof LastHttpContent last) {
            HttpHeaders trailers = last.trailingHeaders().isEmpty()
                    ? null : HopByHop.stripTrailers(new DefaultHttpHeaders(false).add(last.trailingHeaders()));
            // The connection goes back to the pool first; the last bytes and the end then reach the consumer in
            // one call, so a socket writer flushes once for both.
            responseEnded();
            if (data.isReadable()) {
                body.pushLast(data, trailers);
            } else {
                data.release();
                body.end(trailers);
            }
        } else {
            body.push(data);
        }
    }

    private void responseEnded() {
        finished = true;
        conn.detach();
        if (keepAlive && requestEndQueued) {
            pool.release(conn);
        } else {
            // The upstream answered before reading our whole body, or refuses keep-alive: not reusable.
            cancelRequestBody();
            ch.close();
        }
        outcome.ended();
    }

    @Override
    public void onClosed(Throwable cause) {
        if (finished) {
            return;
        }
        Throwable c = cause != null ? cause : new IOException("upstream closed the connection");
        if (!headReceived) {
            if (conn.reused() && bodyless && !retried) {
                // A pooled connection the upstream closed while it idled: try once more on a fresh one.
                retried = true;
                cancelHeaderTimer();
                conn = null;
                ch = null;
                pool.connect(ctx.eventLoop(), upgrade != null, this);
                return;
            }
            failBeforeHead(c);
            return;
        }
        finished = true;
        cancelRequestBody();
        body.fail(c);
        outcome.ended();
    }

    @Override
    public void onWritable() {
        if (requestPaused && requestFlow != null) {
            requestPaused = false;
            requestFlow.resume();
        }
    }

    private void failBeforeHead(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelHeaderTimer();
        cancelRequestBody();
        if (conn != null) {
            conn.detach();
            ch.close();
        }
        UpstreamErrors.answerNotReached(ctx, response, outcome, cause);
    }

    /** The exchange ended on the client side; whatever is still running upstream is useless now. */
    private void clientGone() {
        if (finished) {
            return;
        }
        finished = true;
        cancelHeaderTimer();
        cancelRequestBody();
        if (conn != null) {
            conn.detach();
            ch.close();
        }
        if (body != null) {
            body.fail(new IOException("client went away"));
        }
        outcome.ended();
    }

    private void cancelHeaderTimer() {
        if (headerTimer != null) {
            headerTimer.cancel(false);
            headerTimer = null;
        }
    }

    private void cancelRequestBody() {
        Flow f = requestFlow;
        if (f != null && !requestEndQueued) {
            requestFlow = null;
            f.cancel();
        }
    }

    // Flow of the response body: the consumer's demand drives the upstream socket's reads.

    @Override
    public void pause() {
        if (ch != null && !finished) {
            ch.config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        if (ch != null && !finished) {
            ch.config().setAutoRead(true);
            ch.read();
        }
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        cancelRequestBody();
        conn.detach();
        ch.close();
        outcome.ended();
    }

    /** Streams the request body to the upstream, chunk by chunk, pausing it while the socket is full. */
    private final class RequestBodyWriter implements BodySubscriber {
        private boolean done;

        @Override
        public void onStart(Flow flow) {
            requestFlow = flow;
        }

        @Override
        public void onData(ByteBuf chunk) {
            if (done || finished || ch == null || !ch.isActive()) {
                chunk.release();
                return;
            }
            ch.writeAndFlush(new DefaultHttpContent(chunk), ch.voidPromise());
            if (!ch.isWritable() && !requestPaused && requestFlow != null) {
                requestPaused = true;
                requestFlow.pause();
            }
        }

        @Override
        public void onEnd(HttpHeaders trailers) {
            if (done) {
                return;
            }
            done = true;
            requestFlow = null;
            if (finished || ch == null || !ch.isActive()) {
                return;
            }
            LastHttpContent last = new DefaultLastHttpContent();
            if (trailers != null && !trailers.isEmpty()) {
                last.trailingHeaders().add(HopByHop.stripTrailers(new DefaultHttpHeaders(false).add(trailers)));
            }
            requestEndQueued = true;
            ch.writeAndFlush(last, ch.voidPromise());
            startHeaderTimer();
        }

        @Override
        public void onError(Throwable cause) {
            if (done) {
                return;
            }
            done = true;
            requestFlow = null;
            if (!finished) {
                // The client's body broke (it went away): the upstream request cannot be completed.
                if (!headReceived) {
                    finished = true;
                    cancelHeaderTimer();
                    conn.detach();
                    ch.close();
                    outcome.ended();
                    DefaultHttpHeaders h = new DefaultHttpHeaders();
                    response.complete(502, h, Body.empty());
                } else {
                    onClosed(cause);
                    ch.close();
                }
            }
        }
    }
}
