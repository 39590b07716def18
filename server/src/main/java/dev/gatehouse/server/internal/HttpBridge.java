package dev.gatehouse.server.internal;

import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge between Netty and the {@link dev.gatehouse.core.HttpHandler}: one per HTTP/1 connection or per
 * HTTP/2 stream. Turns decoded HTTP objects into an exchange, calls the handler, and streams the response back.
 *
 * <pre>
 *  HttpRequest ─▶ checks ─▶ RequestPreparer ─▶ handler ─▶ HttpResponse.onReady ─▶ head ─▶ ResponseWriter
 *  HttpContent ─▶ StreamBody.push (Flow: pause/resume = autoRead)      channel writability ─▶ pause/resume
 *  LastHttpContent ─▶ end; a pipelined request waits in a backlog, and HTTP/1 stops reading while it does
 * </pre>
 */
final class HttpBridge extends ChannelInboundHandlerAdapter
        implements StrictRequestDecoder.Activity, Http1Timers.Actions {
    private static final Logger LOG = Logger.getLogger(HttpBridge.class.getName());
    /** Unread request body past which the connection is closed instead of read to the end. */
    private static final long DISCARD_LIMIT = 256 * 1024;

    private final ListenerConfig cfg;
    private final boolean h2;
    private final boolean secure;
    private String peerIp;
    private Channel ch;
    private Http1Timers timers;
    private Exchange current;
    private ArrayDeque<Object> backlog;
    private boolean replaying;
    private boolean closeAfter;
    private boolean draining;
    private boolean bodyPaused;
    private boolean closed;
    private boolean rejected;

    /**
     * @param cfg    the listener's settings
     * @param h2     whether this bridge serves one HTTP/2 stream
     * @param secure whether the connection is TLS
     * @param peerIp the connection's peer IP as text, formatted once per connection (HTTP/2 makes a bridge per
     *               stream), or null to format it here on first use
     */
    HttpBridge(ListenerConfig cfg, boolean h2, boolean secure, String peerIp) {
        this.cfg = cfg;
        this.h2 = h2;
        this.secure = secure;
        this.peerIp = peerIp;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ch = ctx.channel();
        if (!h2) {
            timers = new Http1Timers(ch, cfg, this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange ex = current;
        if (ex != null && ex.tunnel) {
            tunnelIn(ex, msg);
        } else if (closed || rejected) {
            ReferenceCountUtil.release(msg);
        } else if (!h2 && (ex != null && ex.requestDone || backlog != null && !backlog.isEmpty() && !replaying)) {
            // A pipelined request: it waits until the current response is written.
            if (backlog == null) {
                backlog = new ArrayDeque<>(4);
            }
            backlog.add(msg);
            updateAutoRead();
        } else {
            dispatch(msg);
        }
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest r) {
            if (current != null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            onHead(r);
        }
        if (msg instanceof HttpContent c) {
            onContent(c);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The peer's IP as text, formatted once per connection rather than once per request. */
    private String peerIp() {
        String ip = peerIp;
        if (ip == null) {
            ip = Pipelines.peerIp(ch);
            peerIp = ip;
        }
        return ip;
    }

    private void onHead(HttpRequest r) {
        if (timers != null) {
            timers.headReceived();
        }
        DecoderResult dr = r.decoderResult();
        if (dr.isFailure()) {
            reject(null, statusOf(dr.cause()), dr.cause().getMessage());
            return;
        }
        Exchange ex;
        try {
            ex = RequestPreparer.prepare(r, cfg, ch, peerIp(), h2, secure, new RequestFlowFactory());
        } catch (Rejection e) {
            reject(r, e.status(), e.getMessage());
            return;
        }
        if (!ex.keepAlive) {
            closeAfter = true;
        }
        current = ex;
        if (ex.expectContinue) {
            ch.writeAndFlush(ResponseHeads.continue100());
        }
        HttpResponse resp;
        try {
            resp = cfg.handler().handle(ex.ctx, ex.request);
            if (resp == null) {
                throw new IllegalStateException("handler returned no response");
            }
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "handler failed on " + ex.method + " " + ex.uri + " (entry point "
                    + cfg.name() + ")", t);
            ex.ctx.errorDetail("handler failed: " + t);
            resp = HttpResponse.text(500, "Internal Server Error");
        }
        resp.onReady(rsp -> respond(ex, rsp));
    }

    private void onContent(HttpContent c) {
        Exchange ex = current;
        if (c.decoderResult().isFailure()) {
            c.release();
            reject(null, 400, "invalid body framing");
            return;
        }
        if (ex == null || ex.requestDone) {
            c.release();
            return;
        }
        ByteBuf data = c.content();
        ex.requestBytes += data.readableBytes();
        if (ex.body != null && !ex.discardRest && data.isReadable()) {
            ex.body.push(data);
        } else {
            c.release();
        }
        if (c instanceof LastHttpContent last) {
            ex.requestDone = true;
            if (ex.body != null && (!ex.upgrade || ex.responseStarted && !ex.tunnel)) {
                ex.body.end(last.trailingHeaders().isEmpty() ? null : last.trailingHeaders());
            }
            updateAutoRead();
            if (ex.responseDone) {
                finish(ex);
            }
        }
    }

    private void respond(Exchange ex, HttpResponse resp) {
        if (!ch.eventLoop().inEventLoop()) {
            ch.eventLoop().execute(() -> respond(ex, resp));
            return;
        }
        if (ex.finished || ex.responseStarted || closed) {
            resp.body().discard();
            return;
        }
        ex.responseStarted = true;
        try {
            ResponseStarter.start(this, ex, resp);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "cannot write the response to " + ex.method + " " + ex.uri, t);
            resp.body().discard();
            ex.aborted = true;
            ch.close();
        }
    }

    /** The response's last byte left (or failed to). Called by the writers. */
    void responseWritten(Exchange ex, boolean ok) {
        if (ex.finished) {
            return;
        }
        if (ex.tunnel) {
            // Either side closing ends a tunnel normally.
            ex.responseDone = true;
            finish(ex);
            ch.close();
            return;
        }
        if (!ok) {
            ex.aborted = true;
            failRequestBody(ex, new ClosedChannelException());
            finish(ex);
            ch.close();
            return;
        }
        ex.responseDone = true;
        if (!ex.requestDone) {
            dropRestOfBody(ex);
            if (h2 || closeAfter) {
                finish(ex);
                ch.close();
                return;
            }
            bodyPaused = false;
            updateAutoRead();
            return;
        }
        finish(ex);
    }

    private void dropRestOfBody(Exchange ex) {
        if (ex.body != null) {
            if (ex.body.isClaimed()) {
                if (!ex.body.isComplete()) {
                    ex.body.fail(new CancellationException("response complete before the request body"));
                }
            } else {
                ex.body.discard();
            }
        }
        ex.discardRest = true;
        long rest = ex.remainingBytes();
        if (rest < 0 || rest > DISCARD_LIMIT) {
            closeAfter = true;
        }
    }

    private void finish(Exchange ex) {
        ex.finished = true;
        if (ex.body != null && !ex.body.isClaimed()) {
            ex.body.discard();
        }
        if (ex.request != null) {
            ex.request.body().discard();
        }
        if (cfg.observer() != ExchangeObserver.NONE) {
            try {
                cfg.observer().exchangeCompleted(ex.summary());
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "exchange observer failed", t);
            }
        }
        try {
            ex.ctx.complete();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "exchange completion task failed", t);
        }
        if (current == ex) {
            current = null;
        }
        if (h2) {
            return;
        }
        bodyPaused = false;
        if (closeAfter || draining || closed) {
            timers.cancelAll();
            ch.close();
            return;
        }
        timers.exchangeFinished();
        replayBacklog();
        updateAutoRead();
    }

    private void replayBacklog() {
        if (replaying || backlog == null) {
            return;
        }
        replaying = true;
        try {
            Object m;
            while ((current == null || !current.requestDone) && !closed && !rejected
                    && (m = backlog.poll()) != null) {
                dispatch(m);
            }
        } finally {
            replaying = false;
        }
    }

    private void tunnelIn(Exchange ex, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable() && ex.body != null && !ex.finished) {
            ex.requestBytes += b.readableBytes();
            ex.body.push(b);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Switches an HTTP/1 connection to a raw byte tunnel after a 101 head. */
    void switchToTunnel(Exchange ex) {
        ex.tunnel = true;
        timers.cancelAll();
        bodyPaused = false;
        ch.pipeline().remove(HttpResponseEncoder.class);
        // Removing the decoder hands any bytes it still holds to channelRead, which now feeds the tunnel.
        ch.pipeline().remove(StrictRequestDecoder.class);
        updateAutoRead();
    }

    void updateAutoRead() {
        if (closed) {
            return;
        }
        Exchange ex = current;
        // A finished request does not stop reading by itself: only a pipelined request waiting in the backlog
        // does. Turning reads off after every request and on again after its response cost two epoll_ctl calls
        // per keep-alive request; the backlog stays bounded because reading stops as soon as it holds anything.
        boolean want = !bodyPaused && (h2 || ex == null || ex.tunnel || !ex.requestDone
                || backlog == null || backlog.isEmpty());
        if (ch.config().isAutoRead() != want) {
            ch.config().setAutoRead(want);
        }
    }

    private void failRequestBody(Exchange ex, Throwable cause) {
        if (ex.body != null && !ex.body.isComplete()) {
            ex.body.fail(cause);
        }
    }

    private void reject(HttpRequest r, int status, String reason) {
        LOG.fine(() -> "rejected request on " + cfg.name() + ": " + status + " " + reason);
        rejected = true;
        closeAfter = true;
        if (timers != null) {
            timers.cancelAll();
        }
        Exchange ex = current;
        if (ex != null && !ex.finished) {
            // A broken body: answer if the response has not begun (the handler's answer, if any, is dropped).
            if (!ex.responseStarted) {
                ex.responseStarted = true;
                ex.status = status;
                ch.writeAndFlush(ResponseHeads.error(HttpVersion.HTTP_1_1, status, !h2));
            }
            ex.aborted = true;
            failRequestBody(ex, new Rejection(status, reason));
            finish(ex);
            ch.close();
            return;
        }
        if (r != null && cfg.observer() != ExchangeObserver.NONE) {
            Exchange.reportRejected(cfg, ch, secure, h2, r, status, reason);
        }
        ch.writeAndFlush(ResponseHeads.error(HttpVersion.HTTP_1_1, status, !h2))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static int statusOf(Throwable cause) {
        if (cause instanceof Rejection r) {
            return r.status();
        }
        if (cause instanceof TooLongHttpLineException) {
            return 414;
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return 431;
        }
        return 400;
    }

    @Override
    public void bytesReceived() {
        if (current == null && timers != null) {
            timers.bytesReceived();
        }
    }

    @Override
    public void headTimedOut() {
        if (current == null && !closed && !rejected) {
            rejected = true;
            ch.config().setAutoRead(false);
            ch.writeAndFlush(ResponseHeads.error(HttpVersion.HTTP_1_1, 408, true))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void idleTimedOut() {
        if (current == null) {
            ch.close();
        }
    }

    @Override
    public void writeTimedOut() {
        if (current != null) {
            LOG.fine(() -> "write timeout on " + cfg.name());
            ch.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange ex = current;
        if (ch.isWritable() && ex != null && ex.writer != null) {
            ex.writer.writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DrainEvent.INSTANCE) {
            draining = true;
            closeAfter = true;
            if (current == null) {
                ch.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (timers != null) {
            timers.cancelAll();
        }
        Exchange ex = current;
        if (ex != null && !ex.finished) {
            if (ex.tunnel) {
                if (ex.body != null) {
                    ex.body.end(null);
                }
            } else {
                ex.aborted = true;
                failRequestBody(ex, new ClosedChannelException());
            }
            if (ex.writer != null) {
                ex.writer.cancel();
            }
            if (!ex.finished) {
                finish(ex);
            }
        }
        if (backlog != null) {
            Object m;
            while ((m = backlog.poll()) != null) {
                ReferenceCountUtil.release(m);
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection error on " + cfg.name(), cause);
        ctx.close();
    }

    ListenerConfig config() {
        return cfg;
    }

    boolean isHttp2() {
        return h2;
    }

    boolean mustClose() {
        return closeAfter || draining;
    }

    void closeAfterResponse() {
        closeAfter = true;
    }

    Channel channel() {
        return ch;
    }

    /** Makes the request body's flow control for an exchange. */
    final class RequestFlowFactory {
        Flow flowFor(Exchange ex) {
            return new RequestFlow(HttpBridge.this, ex);
        }
    }

    void pauseBody(Exchange ex) {
        if (current == ex && (!ex.requestDone || ex.tunnel)) {
            bodyPaused = true;
            updateAutoRead();
        }
    }

    void resumeBody(Exchange ex) {
        if (current == ex && bodyPaused) {
            bodyPaused = false;
            updateAutoRead();
        }
    }

    void cancelBody(Exchange ex) {
        if (current != ex || ex.requestDone && !ex.tunnel) {
            return;
        }
        if (ex.tunnel) {
            ch.close();
            return;
        }
        ex.discardRest = true;
        long rest = ex.remainingBytes();
        if (!h2 && (rest < 0 || rest > DISCARD_LIMIT)) {
            closeAfter = true;
        }
        resumeBody(ex);
    }
}
