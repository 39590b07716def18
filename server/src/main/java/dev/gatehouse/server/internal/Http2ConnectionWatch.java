package dev.gatehouse.server.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connection-level duties of an HTTP/2 connection: close it when idle with no open stream, and on drain send
 * GOAWAY and close once the open streams finish (the codec's graceful close does both).
 */
final class Http2ConnectionWatch extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(Http2ConnectionWatch.class.getName());
    private final Http2FrameCodec codec;

    Http2ConnectionWatch(Http2FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DrainEvent.INSTANCE) {
            ctx.close();
        } else if (evt instanceof IdleStateEvent) {
            if (codec.connection().numActiveStreams() == 0) {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Connection-level frames (settings, ping) that nobody else wants.
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "HTTP/2 connection error", cause);
        ctx.close();
    }
}
