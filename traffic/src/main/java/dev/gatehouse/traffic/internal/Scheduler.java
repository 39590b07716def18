package dev.gatehouse.traffic.internal;

import dev.gatehouse.core.RequestContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task later on the exchange's event loop, never by sleeping. Tests swap in a fake that records the delay
 * and runs the task at once.
 */
@FunctionalInterface
public interface Scheduler {
    /**
     * Schedules a task.
     *
     * @param ctx        the exchange whose event loop runs the task
     * @param task       the task
     * @param delayNanos the delay; 0 or less runs the task at once, on the calling thread
     * @return cancels the task if it has not run
     */
    Runnable schedule(RequestContext ctx, Runnable task, long delayNanos);

    /** The scheduler backed by {@link RequestContext#eventLoop()}. */
    Scheduler EVENT_LOOP = (ctx, task, delayNanos) -> {
        if (delayNanos <= 0) {
            task.run();
            return () -> { };
        }
        ScheduledFuture<?> f = ctx.eventLoop().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    };
}
