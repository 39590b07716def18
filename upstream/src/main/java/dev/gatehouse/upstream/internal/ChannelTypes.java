package dev.gatehouse.upstream.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Picks the socket channel class that matches an event loop's transport (epoll or NIO). */
public final class ChannelTypes {
    private static final boolean EPOLL = epollAvailable();

    private ChannelTypes() {
    }

    /**
     * @param loop the event loop the channel will live on
     * @return a socket channel class the loop can register
     */
    public static Class<? extends SocketChannel> socketChannel(EventLoop loop) {
        if (EPOLL && loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class)) {
            return EpollSocketChannel.class;
        }
        return NioSocketChannel.class;
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable t) {
            // The native library is optional: without it every loop is NIO.
            return false;
        }
    }
}
