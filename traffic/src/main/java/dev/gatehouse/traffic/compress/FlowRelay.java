package dev.gatehouse.traffic.compress;

import dev.gatehouse.core.Flow;

/**
 * A {@link Flow} whose target arrives later (the upstream body's flow, known once subscribed). Calls made before
 * are remembered and replayed; cancelling also runs a clean-up hook.
 */
final class FlowRelay implements Flow {
    private final Runnable onCancel;
    private Flow target;
    private boolean paused;
    private boolean cancelled;

    FlowRelay(Runnable onCancel) {
        this.onCancel = onCancel;
    }

    /** @param flow the producer's flow, now known */
    void target(Flow flow) {
        this.target = flow;
        if (cancelled) {
            flow.cancel();
        } else if (paused) {
            flow.pause();
        }
    }

    @Override
    public void pause() {
        paused = true;
        if (target != null) {
            target.pause();
        }
    }

    @Override
    public void resume() {
        paused = false;
        if (target != null) {
            target.resume();
        }
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        onCancel.run();
        if (target != null) {
            target.cancel();
        }
    }
}
