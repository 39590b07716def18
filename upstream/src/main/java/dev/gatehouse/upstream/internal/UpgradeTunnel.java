package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.StreamBody;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.ReferenceCountUtil;

/**
 * A connection after the upstream switched protocols (101): raw bytes both ways, never pooled.
 *
 * <pre>
 *  client raw bytes (request Body) ──write──▶ upstream socket ──read──▶ response StreamBody ──▶ client
 * </pre>
 *
 * The HTTP codec leaves the pipeline; bytes it had already buffered come through as raw bytes.
 */
final class UpgradeTunnel extends ChannelInboundHandlerAdapter implements Flow, BodySubscriber {
    private final Channel ch;
    private final Body clientBody;
    private final HttpResponse response;
    private final Outcome outcome;
    private final StreamBody upstreamBody;
    private Flow clientFlow;
    private boolean clientPaused;
    private boolean clientEnded;
    private boolean closed;

    UpgradeTunnel(Channel ch, Body clientBody, HttpResponse response, Outcome outcome) {
        this.ch = ch;
        this.clientBody = clientBody;
        this.response = response;
        this.outcome = outcome;
        this.upstreamBody = new StreamBody(this, -1);
    }

    /** Switches the pipeline to raw bytes and completes the response with the 101 head. */
    void start(HttpHeaders upstreamHeaders) {
        String proto = upstreamHeaders.get(HttpHeaderNames.UPGRADE);
        HttpHeaders headers = HopByHop.strip(upstreamHeaders, proto == null ? "" : proto);
        ch.pipeline().addLast("tunnel", this);
        ch.pipeline().remove(UpstreamConnection.class);
        // Removing the codec forwards the bytes it buffered past the 101 to this handler, as raw bytes.
        ch.pipeline().remove("http");
        response.complete(101, headers, upstreamBody);
        clientBody.subscribe(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            if (b.isReadable()) {
                upstreamBody.push(b);
            } else {
                b.release();
            }
        } else {
            // The empty last chunk the codec emits after the 101 head.
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(cause);
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && clientPaused && clientFlow != null) {
            clientPaused = false;
            clientFlow.resume();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void finish(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (cause == null) {
            upstreamBody.end(null);
        } else {
            upstreamBody.fail(cause);
        }
        if (!clientEnded && clientFlow != null) {
            clientEnded = true;
            clientFlow.cancel();
        }
        outcome.ended();
    }

    // Client to upstream.

    @Override
    public void onStart(Flow flow) {
        clientFlow = flow;
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (closed || !ch.isActive()) {
            chunk.release();
            return;
        }
        ch.writeAndFlush(chunk);
        if (!ch.isWritable() && !clientPaused) {
            clientPaused = true;
            clientFlow.pause();
        }
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        clientEnded = true;
        if (closed) {
            return;
        }
        // The client half-closed: pass the half-close on, so the upstream can still answer.
        if (ch instanceof DuplexChannel d) {
            ch.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> d.shutdownOutput());
        } else {
            ch.close();
        }
    }

    @Override
    public void onError(Throwable cause) {
        clientEnded = true;
        ch.close();
    }

    // Flow of the upstream-to-client body.

    @Override
    public void pause() {
        ch.config().setAutoRead(false);
    }

    @Override
    public void resume() {
        ch.config().setAutoRead(true);
        ch.read();
    }

    @Override
    public void cancel() {
        if (closed) {
            return;
        }
        // The client is gone: stop both directions and drop the upstream connection.
        closed = true;
        if (!clientEnded && clientFlow != null) {
            clientEnded = true;
            clientFlow.cancel();
        }
        outcome.ended();
        ch.close();
    }
}
