package dev.gatehouse.redis.internal;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Lettuce's thread pools, shared by every Redis connection of the gateway and stopped with the last one.
 * Lettuce would otherwise start as many threads as there are cores, per client.
 */
final class LettuceResources {
    /** Lettuce's minimum; a handful of connections never needs more. */
    private static final int IO_THREADS = 2;
    private static final int COMPUTATION_THREADS = 2;
    /** Reconnect fast after a blip, and at least every two seconds after a longer outage. */
    private static final Delay RECONNECT_DELAY =
            Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);

    /**
     * Lettuce logs every reconnect attempt; while Redis is down that is a line every two seconds. The gateway
     * logs the transitions itself (down, back), so only Lettuce's errors are kept. Held here so the settings
     * are not collected with the loggers.
     */
    private static final List<Logger> QUIET = Stream.of("io.lettuce.core.protocol.ConnectionWatchdog",
            "io.lettuce.core.protocol.ReconnectionHandler").map(Logger::getLogger).toList();

    static {
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
    }

    private static ClientResources resources;
    private static int users;

    private LettuceResources() {
    }

    static synchronized ClientResources retain() {
        if (resources == null) {
            resources = DefaultClientResources.builder()
                    .ioThreadPoolSize(IO_THREADS)
                    .computationThreadPoolSize(COMPUTATION_THREADS)
                    .reconnectDelay(RECONNECT_DELAY)
                    .addressResolverGroup(OffLoopResolverGroup.INSTANCE)
                    .build();
        }
        users++;
        return resources;
    }

    /**
     * Resources for a client whose connection runs on a loop Lettuce does not own. Shares the computation pool,
     * the timer and the event bus of {@code shared} (provided components are never shut down by Lettuce), so
     * shutting these down stops nothing of the shared ones; the caller must shut them down with the client.
     */
    static ClientResources onLoop(ClientResources shared, EventLoop loop) {
        return DefaultClientResources.builder()
                .eventLoopGroupProvider(new FixedLoopProvider(loop))
                .eventExecutorGroup(shared.eventExecutorGroup())
                .timer(shared.timer())
                .eventBus(shared.eventBus())
                .reconnectDelay(RECONNECT_DELAY)
                .addressResolverGroup(OffLoopResolverGroup.INSTANCE)
                .build();
    }

    static synchronized void release() {
        if (--users == 0) {
            ClientResources r = resources;
            resources = null;
            r.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
