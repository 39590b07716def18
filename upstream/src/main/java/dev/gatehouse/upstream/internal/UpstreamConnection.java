package dev.gatehouse.upstream.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;

/**
 * The last handler of an upstream connection's pipeline: hands events to the exchange that owns the
 * connection, or, while the connection idles in its pool, drops it on any unexpected event.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
    /** What an exchange must handle while it holds a connection. */
    interface Listener {
        void onRead(Object msg);

        void onClosed(Throwable cause);

        void onWritable();
    }

    private final ConnectionPool pool;
    private final Channel channel;
    private Listener listener;
    private boolean everUsed;
    ScheduledFuture<?> idleTimer;

    UpstreamConnection(ConnectionPool pool, Channel channel) {
        this.pool = pool;
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    /** @return true when an exchange used this connection before (it came from the pool) */
    boolean reused() {
        return everUsed;
    }

    void attach(Listener l) {
        this.listener = l;
    }

    /** Ends an exchange's hold; the caller then pools or closes the connection. */
    void detach() {
        this.listener = null;
        everUsed = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Listener l = listener;
        if (l != null) {
            l.onRead(msg);
        } else {
            // Bytes on an idle connection mean the upstream broke the protocol: the connection is unusable.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Listener l = listener;
        listener = null;
        pool.forget(this);
        if (l != null) {
            l.onClosed(null);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Listener l = listener;
        listener = null;
        if (l != null) {
            l.onClosed(cause);
        }
        ctx.close();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Listener l = listener;
        if (l != null && ctx.channel().isWritable()) {
            l.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
