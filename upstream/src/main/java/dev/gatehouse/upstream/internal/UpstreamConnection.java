package dev.gatehouse.upstream.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
    /** This connection's loop's set in its pool, once known; touched only on that loop. */
    LoopConnections home;
    private boolean everUsed;
    /** True while the connection waits in its pool, and until when it may. */
    private boolean idling;
    private long idleDeadline;
    /** The idle check, or null; one per connection, re-armed when it runs early, never per request. */
    private ScheduledFuture<?> idleTimer;

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

    /**
     * The connection went back to {@code pool}'s idle list; it is closed once idle for {@code timeoutMillis}.
     * A pooled connection is taken and returned on every request, so instead of scheduling and cancelling a
     * task each time (a priority-queue insert and removal on the event loop) this moves a deadline, and the
     * one pending check re-arms itself for what is left when it finds the connection was used meanwhile.
     */
    void idleFrom(LoopConnections pool, long timeoutMillis) {
        idling = true;
        idleDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (idleTimer == null) {
            armIdleCheck(pool);
        }
    }

    /** The connection left the idle list for an exchange. */
    void idleEnd() {
        idling = false;
    }

    /** Stops the idle check (the connection closed). */
    void cancelIdleCheck() {
        idling = false;
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void armIdleCheck(LoopConnections pool) {
        long left = Math.max(0, idleDeadline - System.nanoTime());
        idleTimer = channel.eventLoop().schedule(() -> {
            idleTimer = null;
            if (!idling) {
                // In use now; returning it to the pool arms a new check.
                return;
            }
            if (idleDeadline - System.nanoTime() > 0) {
                armIdleCheck(pool);
            } else if (pool.idle.remove(this)) {
                idling = false;
                channel.close();
            }
        }, left, TimeUnit.NANOSECONDS);
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
