package dev.gatehouse.redis.internal;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hands Lettuce one event loop it does not own: a client's connection (and its reconnects) register on that loop.
 * Lettuce asks for a group of its transport's class and only uses it as an {@code EventLoopGroup}; an event loop
 * is a group whose {@code next()} is itself. Releasing or shutting down never stops the loop: its owner does.
 */
final class FixedLoopProvider implements EventLoopGroupProvider {
    private final EventLoop loop;

    FixedLoopProvider(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends io.netty.channel.EventLoopGroup> T allocate(Class<T> type) {
        // Erased: Lettuce stores the result as an EventLoopGroup, which an EventLoop is.
        return (T) loop;
    }

    @Override
    public int threadPoolSize() {
        return 1;
    }

    @Override
    public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }

    @Override
    public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit timeUnit) {
        return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
    }
}
