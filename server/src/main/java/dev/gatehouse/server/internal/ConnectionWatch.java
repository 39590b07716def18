package dev.gatehouse.server.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * First handler of every accepted connection: reports it to the observer once its protocol is known, and
 * closes a connection that is drained before it spoke HTTP.
 */
final class ConnectionWatch extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(ConnectionWatch.class.getName());
    private final ListenerConfig cfg;
    private String protocol;
    private boolean ready;

    ConnectionWatch(ListenerConfig cfg) {
        this.cfg = cfg;
    }

    /** The connection speaks {@code http} or {@code https}. */
    void opened(String protocol) {
        if (this.protocol == null) {
            this.protocol = protocol;
            try {
                cfg.observer().connectionOpened(cfg.name(), protocol);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "observer failed", t);
            }
        }
    }

    /** The HTTP handlers are installed: drains go to them from now on. */
    void ready() {
        ready = true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DrainEvent.INSTANCE && !ready) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (protocol != null) {
            try {
                cfg.observer().connectionClosed(cfg.name(), protocol);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "observer failed", t);
            }
        }
        ctx.fireChannelInactive();
    }
}
