package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StreamBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request/response as a stream of an upstream HTTP/2 connection, on the exchange's event loop. The stream
 * channel's codec maps frames to the HTTP objects the HTTP/1.1 path uses, trailers included.
 *
 * <pre>
 *  stream opened ─▶ HEADERS ─▶ DATA* (paused while the stream is not writable) ─▶ END_STREAM or trailers
 *               ─▶ response HEADERS ─▶ complete the HttpResponse with a StreamBody (its Flow toggles autoRead,
 *                  which withholds WINDOW_UPDATEs from the server) ─▶ DATA pushed ─▶ END_STREAM: end(trailers)
 *  failure before the head: 502 (504 on timeouts), UPSTREAM_NOT_REACHED; after it: the body fails
 *  client gone or body cancelled: RST_STREAM(CANCEL) on this stream only
 * </pre>
 *
 * A bodyless request the server did not process (REFUSED_STREAM, or above a GOAWAY's last stream) is retried
 * once, on another connection.
 */
final class Http2Exchange implements ConnectionPool.Callback, Flow, Http2RequestWriter.Exchange {
    private final RequestContext ctx;
    private final dev.gatehouse.core.HttpRequest req;
    private final HttpRequest head;
    private final dev.gatehouse.core.HttpResponse response;
    private final ConnectionPool pool;
    private final Outcome outcome;
    private final boolean bodyless;
    private Http2StreamChannel ch;
    private ScheduledFuture<?> headerTimer;
    private Http2RequestWriter writer;
    private boolean requestEndQueued;
    private boolean headReceived;
    private boolean finished;
    private boolean retried;
    private boolean unprocessed;
    private Throwable streamError;
    private StreamBody body;

    Http2Exchange(RequestContext ctx, dev.gatehouse.core.HttpRequest req, HttpRequest head,
                  dev.gatehouse.core.HttpResponse response, ConnectionPool pool, Outcome outcome) {
        this.ctx = ctx;
        this.req = req;
        this.head = head;
        this.response = response;
        this.pool = pool;
        this.outcome = outcome;
        this.bodyless = req.body().contentLength() == 0;
    }

    /** Starts the exchange; call on the exchange's event loop. */
    void start() {
        ctx.onComplete(this::clientGone);
        pool.acquire(ctx.eventLoop(), false, this);
    }

    /** Starts the exchange on a connection an HTTP/1.1 exchange obtained when ALPN chose h2 for it. */
    void startOn(Http2Connection c) {
        ctx.onComplete(this::clientGone);
        acceptHttp2(c);
    }

    @Override
    public void accept(UpstreamConnection c, Throwable cause) {
        if (cause != null) {
            failBeforeHead(cause);
        } else if (finished) {
            c.detach();
            pool.release(c);
        } else {
            // A retry on an https server that now chooses HTTP/1.1 by ALPN: go on as HTTP/1.1.
            finished = true;
            new Http1Exchange(ctx, req, head, response, null, pool, outcome).startOn(c);
        }
    }

    @Override
    public void acceptHttp2(Http2Connection c) {
        if (!finished) {
            c.openStream(new StreamHandler(), this::opened);
        }
    }

    private void opened(Http2StreamChannel child, Throwable cause) {
        if (cause != null) {
            failBeforeHead(cause);
            return;
        }
        if (finished) {
            child.close();
            return;
        }
        ch = child;
        unprocessed = false;
        streamError = null;
        if (bodyless) {
            requestEndQueued = true;
            write(new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(), Unpooled.EMPTY_BUFFER,
                    head.headers(), new DefaultHttpHeaders(false)), true);
            startHeaderTimer();
            return;
        }
        write(head, true);
        writer = new Http2RequestWriter(child, this);
        req.body().subscribe(writer);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public void write(Object msg) {
        write(msg, false);
    }

    @Override
    public void requestSent() {
        requestEndQueued = true;
        startHeaderTimer();
    }

    @Override
    public void requestFailed(Throwable cause) {
        if (!headReceived) {
            // The client's body broke (it went away) before any answer: nothing to forward.
            finished = true;
            cancelHeaderTimer();
            ch.close();
            outcome.ended();
            response.complete(502, new DefaultHttpHeaders(), Body.empty());
        } else {
            onClosed(cause);
        }
    }

    /** Writes to the stream; a failed head write means the server never saw the request. */
    private void write(Object msg, boolean isHead) {
        Http2StreamChannel stream = ch;
        stream.writeAndFlush(msg).addListener(f -> {
            if (!f.isSuccess() && stream == ch) {
                unprocessed |= isHead;
                onClosed(f.cause());
            }
        });
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

    private void onRead(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (headReceived || r.status().code() < 200) {
                // 1xx answers are not forwarded; the final head follows on the same stream.
                ReferenceCountUtil.release(msg);
                return;
            }
            onHead(r);
            if (r instanceof LastHttpContent last) {
                // HEADERS with END_STREAM: the whole response.
                onContent(last);
            }
        } else if (msg instanceof HttpContent c) {
            onContent(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpResponse r) {
        cancelHeaderTimer();
        headReceived = true;
        int status = r.status().code();
        HttpHeaders headers = HopByHop.strip(r.headers(), null);
        for (HttpConversionUtil.ExtensionHeaderNames n : HttpConversionUtil.ExtensionHeaderNames.values()) {
            headers.remove(n.text());
        }
        // HEADERS with END_STREAM and no content (a gRPC trailers-only reply) is known to be empty, so the
        // server side can answer with one HEADERS frame too.
        boolean complete = r instanceof LastHttpContent last && !last.content().isReadable();
        long length = complete || HttpMethod.HEAD.equals(head.method()) || status == 204 || status == 304
                ? 0 : HttpUtil.getContentLength(r, -1L);
        body = new StreamBody(this, length);
        outcome.head(status, null);
        response.complete(status, headers, body);
    }

    private void onContent(HttpContent c) {
        if (finished || body == null) {
            c.release();
            return;
        }
        ByteBuf data = c.content();
        if (!(c instanceof LastHttpContent last)) {
            body.push(data);
            return;
        }
        HttpHeaders trailers = last.trailingHeaders().isEmpty()
                ? null : HopByHop.stripTrailers(new DefaultHttpHeaders(false).add(last.trailingHeaders()));
        if (data.isReadable()) {
            body.push(data);
        } else {
            data.release();
        }
        if (finished) {
            return;
        }
        finished = true;
        if (!requestEndQueued) {
            // The server answered before taking the whole request body: stop sending it, reset the stream.
            cancelRequestBody();
            ch.close();
        }
        outcome.ended();
        body.end(trailers);
    }

    private void onClosed(Throwable cause) {
        if (finished) {
            return;
        }
        Throwable c = cause != null ? cause : streamError != null ? streamError
                : new IOException("upstream closed the stream");
        if (!headReceived) {
            if (unprocessed && bodyless && !retried) {
                // The server did not process the request: safe to send it again, on a connection that takes it.
                retried = true;
                cancelHeaderTimer();
                ch = null;
                pool.acquire(ctx.eventLoop(), false, this);
                return;
            }
            failBeforeHead(c);
            return;
        }
        finished = true;
        cancelRequestBody();
        ch.close();
        body.fail(c);
        outcome.ended();
    }

    private void failBeforeHead(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelHeaderTimer();
        cancelRequestBody();
        if (ch != null) {
            ch.close();
        }
        UpstreamErrors.answerNotReached(ctx, response, outcome, cause);
    }

    /** The exchange ended on the client side: reset this stream, leave the connection to the others. */
    private void clientGone() {
        if (finished) {
            return;
        }
        finished = true;
        cancelHeaderTimer();
        cancelRequestBody();
        if (ch != null) {
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
        if (writer != null && !requestEndQueued) {
            writer.cancel();
        }
    }

    // Flow of the response body: the consumer's demand drives reads of the stream, and so its window.

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
        ch.close();
        outcome.ended();
    }

    /** The stream channel's last handler: hands its events to the exchange. */
    private final class StreamHandler extends ChannelInboundHandlerAdapter {
        // After a retry the exchange lives on another stream: the old one's late events are ignored.

        @Override
        public void channelRead(ChannelHandlerContext c, Object msg) {
            if (c.channel() == ch) {
                onRead(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext c, Object evt) {
            if (c.channel() != ch) {
                ReferenceCountUtil.release(evt);
            } else if (evt instanceof Http2ResetFrame rst) {
                Http2Error code = Http2Error.valueOf(rst.errorCode());
                unprocessed |= code == Http2Error.REFUSED_STREAM;
                streamError = new IOException("upstream reset the stream: "
                        + (code != null ? code : rst.errorCode()));
            } else if (evt instanceof Http2GoAwayFrame goAway) {
                // Sent only to streams above the GOAWAY's last stream id: the server never processed them.
                unprocessed = true;
                streamError = new IOException("upstream is going away");
                goAway.release();
            } else {
                ReferenceCountUtil.release(evt);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext c) {
            if (c.channel() == ch) {
                onClosed(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            if (c.channel() == ch && streamError == null) {
                streamError = cause;
            }
            c.close();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext c) {
            if (c.channel() == ch && c.channel().isWritable() && writer != null) {
                writer.writable();
            }
        }
    }
}
