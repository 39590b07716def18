package dev.gatehouse.redis;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.HashSet;
import java.util.Set;

/**
 * The gateway's worker event loops, offered to Redis connections so a request's Redis call never leaves its
 * loop: with loops offered, every distinct Redis gets one connection per worker loop, registered on that loop;
 * a call made on a loop goes out on that loop's connection and its reply completes on the same loop (no task
 * hand-off, no wake-up of another thread). Without loops (tests, the validate command), or when the loops'
 * transport is not the one Lettuce would pick, connections run on Lettuce's own small thread pool as before.
 *
 * <pre>
 *  Gateway start:  RedisEventLoops.offer(workers, socketChannelType)   (before the first config is compiled)
 *  Gateway close:  RedisEventLoops.withdraw(workers)                   (after the Redis holders are closed)
 * </pre>
 *
 * <p>Connections acquired while loops are offered keep them for their lifetime; connections are shared only
 * between holders that saw the same loops.
 */
public final class RedisEventLoops {
    private static final String LETTUCE_EPOLL = "io.lettuce.core.epoll";
    private static final String LETTUCE_IO_URING = "io.lettuce.core.iouring";
    /** The Lettuce properties this class set (the others are the operator's). */
    private static final Set<String> SET_HERE = new HashSet<>();
    private static Offer current;

    private RedisEventLoops() {
    }

    /**
     * The loops on offer and the socket channel type they serve.
     *
     * @param loops       the worker loops
     * @param channelType the socket channel class that can register on them
     */
    public record Offer(EventLoopGroup loops, Class<? extends Channel> channelType) {
    }

    /**
     * Offers worker loops to the Redis connections acquired from now on.
     *
     * @param loops       the worker loops
     * @param channelType the socket channel class that registers on them (io_uring, epoll or NIO)
     */
    public static synchronized void offer(EventLoopGroup loops, Class<? extends Channel> channelType) {
        alignLettuce(channelType);
        current = new Offer(loops, channelType);
    }

    /**
     * Lettuce picks epoll whenever both epoll and io_uring load (and warns that both do). Before its first
     * connection, it is told which native transport the loops use, so it picks theirs. A Lettuce property the
     * operator set is kept; the ones set here follow the latest offer.
     */
    static void alignLettuce(Class<? extends Channel> channelType) {
        String pkg = channelType.getPackageName();
        boolean uring = pkg.equals("io.netty.channel.uring");
        boolean epoll = pkg.equals("io.netty.channel.epoll");
        if (uring || epoll) {
            own(LETTUCE_EPOLL, epoll);
            own(LETTUCE_IO_URING, uring);
        }
    }

    private static void own(String property, boolean value) {
        if (System.getProperty(property) == null || SET_HERE.contains(property)) {
            System.setProperty(property, Boolean.toString(value));
            SET_HERE.add(property);
        }
    }

    /**
     * Withdraws an offer; connections acquired afterwards use Lettuce's own threads. Does nothing when another
     * group is on offer.
     *
     * @param loops the loops given to {@link #offer}
     */
    public static synchronized void withdraw(EventLoopGroup loops) {
        if (current != null && current.loops() == loops) {
            current = null;
        }
    }

    /** @return the loops on offer, or null */
    public static synchronized Offer current() {
        return current;
    }
}
