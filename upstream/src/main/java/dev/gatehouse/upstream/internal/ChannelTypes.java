package dev.gatehouse.upstream.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;

/** Picks the socket channel class that matches an event loop's transport (io_uring, epoll or NIO). */
public final class ChannelTypes {
    private ChannelTypes() {
    }

    /**
     * @param loop the event loop the channel will live on
     * @return a socket channel class the loop can register
     */
    public static Class<? extends SocketChannel> socketChannel(EventLoop loop) {
        if (loop instanceof IoEventLoop io) {
            if (runs(io, IoUringIoHandler.class)) {
                return IoUringSocketChannel.class;
            }
            if (runs(io, EpollIoHandler.class)) {
                return EpollSocketChannel.class;
            }
        }
        return NioSocketChannel.class;
    }

    private static boolean runs(IoEventLoop loop, Class<? extends IoHandler> handler) {
        try {
            return loop.isIoType(handler);
        } catch (LinkageError e) {
            // The transport's classes are optional: a loop cannot run what is not there.
            return false;
        }
    }
}
