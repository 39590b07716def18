package dev.gatehouse.server;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.server.internal.ListenerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Owns the event loops of the data plane: one acceptor loop and the worker loops every client connection (and,
 * sharing them, every upstream connection) runs on. Uses epoll where available, NIO otherwise.
 *
 * <pre>
 *  ServerRuntime ─start(name, spec, handler, tls, observer)─▶ EntryPointServer (bound, serving)
 *       │                                                        └─shutdown(grace)─▶ drained, closed
 *       └─workerGroup() ─▶ upstream client (same loops: no thread hop between client and upstream)
 * </pre>
 */
public final class ServerRuntime implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean epoll;

    private ServerRuntime(int workerThreads) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.boss = new MultiThreadIoEventLoopGroup(1, io);
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, io);
    }

    /**
     * Creates the event loops.
     *
     * @param workerThreads worker loop count; 0 for Netty's default (twice the cores)
     * @return the runtime
     */
    public static ServerRuntime create(int workerThreads) {
        return new ServerRuntime(workerThreads);
    }

    /** @return the worker loops, to share with the upstream client */
    public EventLoopGroup workerGroup() {
        return workers;
    }

    /** @return true when the native epoll transport is in use */
    public boolean nativeTransport() {
        return epoll;
    }

    /** @return the client socket channel type matching the worker loops, for the upstream client */
    public Class<? extends SocketChannel> socketChannelType() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerChannel> serverChannelType() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    EventLoopGroup bossGroup() {
        return boss;
    }

    /**
     * Binds an entry point and serves it. Blocks until bound; call it off the event loops.
     *
     * @param name     the entry point's name
     * @param spec     its settings (address, timeouts, forwarded headers)
     * @param handler  called for every request (the runtime's dispatcher)
     * @param tls      supplies the current TLS store at each handshake; null to serve plain HTTP only
     * @param observer told about connections and exchanges; null for none
     * @return the running entry point
     * @throws IllegalArgumentException when the address or settings are invalid
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public EntryPointServer start(String name, EntryPointSpec spec, HttpHandler handler, Supplier<TlsStore> tls,
                                  ExchangeObserver observer) {
        ListenerConfig cfg = ListenerConfig.of(name, spec, handler, tls, observer);
        return EntryPointServer.bind(this, cfg, Addresses.parse(name, spec.address()));
    }

    /**
     * Stops the event loops. Entry points should be shut down first.
     *
     * @param timeout how long to wait for the loops to stop
     */
    public void close(Duration timeout) {
        boss.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        boss.terminationFuture().awaitUninterruptibly(timeout.toMillis());
        workers.terminationFuture().awaitUninterruptibly(timeout.toMillis());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
