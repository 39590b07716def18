package dev.gatehouse.server;

import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.server.internal.ListenerConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Owns the event loops of the data plane: one acceptor loop and the worker loops every client connection (and,
 * sharing them, every upstream connection) runs on, on the {@link Transport} it is given.
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
    private final Transport transport;

    private ServerRuntime(int workerThreads, Transport transport) {
        this.transport = transport;
        this.boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        this.workers = new MultiThreadIoEventLoopGroup(workerThreads, transport.ioHandlerFactory());
    }

    /**
     * Creates the event loops on the fastest transport this machine runs ({@link Transport#auto()}).
     *
     * @param workerThreads worker loop count; 0 for Netty's default (twice the cores)
     * @return the runtime
     */
    public static ServerRuntime create(int workerThreads) {
        return create(workerThreads, Transport.auto());
    }

    /**
     * Creates the event loops.
     *
     * @param workerThreads worker loop count; 0 for Netty's default (twice the cores)
     * @param transport     the transport; it must be available
     * @return the runtime
     */
    public static ServerRuntime create(int workerThreads, Transport transport) {
        return new ServerRuntime(workerThreads, transport);
    }

    /** @return the transport the loops use */
    public Transport transport() {
        return transport;
    }

    /** @return the worker loops, to share with the upstream client */
    public EventLoopGroup workerGroup() {
        return workers;
    }

    /** @return true when a native transport (io_uring or epoll) is in use */
    public boolean nativeTransport() {
        return transport != Transport.NIO;
    }

    /** @return the client socket channel type matching the worker loops, for the upstream client */
    public Class<? extends SocketChannel> socketChannelType() {
        return transport.socketChannel();
    }

    Class<? extends ServerChannel> serverChannelType() {
        return transport.serverSocketChannel();
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
