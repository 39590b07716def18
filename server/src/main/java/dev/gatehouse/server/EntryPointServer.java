package dev.gatehouse.server;

import dev.gatehouse.server.internal.ConnectionInitializer;
import dev.gatehouse.server.internal.DrainEvent;
import dev.gatehouse.server.internal.ListenerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One bound entry point. Serves HTTP/1.1, HTTP/2 (TLS with ALPN, or cleartext prior knowledge) and TLS on the
 * same port.
 *
 * <pre>
 *  shutdown(grace): stop accepting ─▶ drain: idle connections close, HTTP/1 in-flight responses end with
 *                   Connection: close, HTTP/2 sends GOAWAY and closes when its streams end ─▶ after grace,
 *                   whatever is left is closed
 * </pre>
 */
public final class EntryPointServer {
    private final String name;
    private final ServerRuntime runtime;
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private volatile boolean draining;
    private CompletableFuture<Void> shutdown;

    private EntryPointServer(String name, ServerRuntime runtime, Channel serverChannel, ChannelGroup connections) {
        this.name = name;
        this.runtime = runtime;
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    static EntryPointServer bind(ServerRuntime rt, ListenerConfig cfg, InetSocketAddress address) {
        ChannelGroup group = new DefaultChannelGroup(cfg.name(), GlobalEventExecutor.INSTANCE);
        EntryPointServer[] self = new EntryPointServer[1];
        ServerBootstrap b = new ServerBootstrap()
                .group(rt.bossGroup(), rt.workerGroup())
                .channel(rt.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .childHandler(new ConnectionInitializer(cfg, group, () -> self[0] != null && self[0].draining));
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            throw new UncheckedIOException("entryPoints." + cfg.name() + ": cannot listen on " + address + ": "
                    + c.getMessage(), c instanceof IOException io ? io : new IOException(c));
        }
        self[0] = new EntryPointServer(cfg.name(), rt, f.channel(), group);
        return self[0];
    }

    /** @return the entry point's name */
    public String name() {
        return name;
    }

    /** @return the port actually bound (useful with port 0) */
    public int boundPort() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** @return the bound address */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** @return the number of open client connections */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting connections at once, lets in-flight exchanges finish, and closes every connection once
     * they are done or the grace period ends. Idempotent.
     *
     * @param grace how long in-flight exchanges may take
     * @return completes when every connection is closed
     */
    public synchronized CompletableFuture<Void> shutdown(Duration grace) {
        if (shutdown != null) {
            return shutdown;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        shutdown = done;
        draining = true;
        serverChannel.close().addListener(f -> {
            for (Channel c : connections) {
                c.eventLoop().execute(() -> c.pipeline().fireUserEventTriggered(DrainEvent.INSTANCE));
            }
            if (runtime.workerGroup().isShuttingDown()) {
                // The loops are stopping (an owner that did not wait for this future): nothing left to drain.
                connections.close().addListener(x -> done.complete(null));
                return;
            }
            ScheduledFuture<?> force = runtime.workerGroup().schedule(() -> {
                connections.close();
            }, Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
            connections.newCloseFuture().addListener(x -> {
                force.cancel(false);
                done.complete(null);
            });
        });
        return done;
    }

    @Override
    public String toString() {
        return "EntryPointServer(" + name + " on " + serverChannel.localAddress() + ")";
    }
}
