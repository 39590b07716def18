package dev.gatehouse.server.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import java.util.function.BooleanSupplier;

/** Sets up every accepted connection: tracked for draining, watched, and its protocol detected from its first bytes. */
public final class ConnectionInitializer extends ChannelInitializer<Channel> {
    private final ListenerConfig cfg;
    private final ChannelGroup connections;
    private final BooleanSupplier draining;

    /**
     * @param cfg         the listener
     * @param connections where open connections are tracked
     * @param draining    true once the listener is shutting down: late connections are closed at once
     */
    public ConnectionInitializer(ListenerConfig cfg, ChannelGroup connections, BooleanSupplier draining) {
        this.cfg = cfg;
        this.connections = connections;
        this.draining = draining;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (draining.getAsBoolean()) {
            ch.close();
            return;
        }
        connections.add(ch);
        ConnectionWatch watch = new ConnectionWatch(cfg);
        ch.pipeline().addLast("watch", watch);
        ch.pipeline().addLast("detect", new ProtocolDetector(cfg, watch));
    }
}
