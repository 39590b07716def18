package dev.gatehouse.redis.internal;

import dev.gatehouse.core.net.HostResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.resolver.SimpleNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;

/**
 * Resolves Redis host names the way upstream servers are resolved ({@link HostResolver}: the JDK's resolver, off
 * the event loop). Lettuce's default, Netty's DNS client, opens a UDP channel on the connection's loop; on
 * io_uring loops that channel's pending read buffer is not released when it closes, and the JDK resolver also
 * follows {@code /etc/hosts} and the system's resolver settings as the rest of the gateway does.
 */
final class OffLoopResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    static final OffLoopResolverGroup INSTANCE = new OffLoopResolverGroup();

    private OffLoopResolverGroup() {
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new Names(executor));
    }

    private static final class Names extends SimpleNameResolver<InetAddress> {
        Names(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookUp(host, promise, a -> a);
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookUp(host, promise, List::of);
        }

        private static <T> void lookUp(String host, Promise<T> promise, Function<InetAddress, T> answer) {
            HostResolver.resolve(host, 0).whenComplete((addr, err) -> {
                if (err != null) {
                    promise.tryFailure(err.getCause() != null ? err.getCause() : err);
                } else {
                    promise.trySuccess(answer.apply(addr.getAddress()));
                }
            });
        }
    }
}
