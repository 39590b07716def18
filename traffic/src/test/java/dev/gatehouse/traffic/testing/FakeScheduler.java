package dev.gatehouse.traffic.testing;

import dev.gatehouse.core.RequestContext;
import dev.gatehouse.traffic.internal.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** Records delays; runs tasks at once or when told. */
public final class FakeScheduler implements Scheduler {
    private final boolean runAtOnce;
    private final List<Long> delays = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private int cancelled;

    /** @param runAtOnce true to run each task as it is scheduled */
    public FakeScheduler(boolean runAtOnce) {
        this.runAtOnce = runAtOnce;
    }

    @Override
    public Runnable schedule(RequestContext ctx, Runnable task, long delayNanos) {
        delays.add(delayNanos);
        if (runAtOnce) {
            task.run();
            return () -> { };
        }
        queued.add(task);
        return () -> {
            if (queued.remove(task)) {
                cancelled++;
            }
        };
    }

    /** Runs the tasks waiting, in order. */
    public void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    /** @return the delays asked for, in nanoseconds */
    public List<Long> delays() {
        return delays;
    }

    /** @return tasks waiting */
    public int queued() {
        return queued.size();
    }

    /** @return tasks cancelled before they ran */
    public int cancelled() {
        return cancelled;
    }
}
