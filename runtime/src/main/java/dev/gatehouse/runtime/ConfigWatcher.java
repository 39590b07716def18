package dev.gatehouse.runtime;

import dev.gatehouse.runtime.spi.ProviderSink;
import dev.gatehouse.runtime.spi.ProviderState;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns providers' publications into applied configs, on one thread, latest wins.
 *
 * <pre>
 *  publish(state) ─▶ drop if unchanged ─▶ wait: quiet period, and throttle since the last apply ─▶ apply(all)
 * </pre>
 *
 * <p>A change applies no sooner than {@link #QUIET} after the last publication (so a file caught half-written
 * by an editor is not applied) and no sooner than the throttle after the previous apply (Traefik's
 * {@code providersThrottleDuration}); bursts collapse into one apply of the latest states.
 */
public final class ConfigWatcher implements ProviderSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConfigWatcher.class.getName());
    /** How long publications must stop before a change applies. */
    static final Duration QUIET = Duration.ofMillis(100);

    private final Duration throttle;
    private final Consumer<Map<String, ProviderState>> applier;
    private final ScheduledExecutorService thread;
    private final Map<String, ProviderState> latest = new TreeMap<>();
    private final Map<String, String> appliedHashes = new TreeMap<>();
    private ScheduledFuture<?> pending;
    private long lastApplyNanos = Long.MIN_VALUE / 2;

    /**
     * Creates a watcher.
     *
     * @param throttle the least time between two applies
     * @param applier  compiles and swaps in the states of all providers; runs on the watcher's thread
     */
    public ConfigWatcher(Duration throttle, Consumer<Map<String, ProviderState>> applier) {
        this.throttle = throttle;
        this.applier = applier;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-config");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void publish(ProviderState state) {
        thread.execute(() -> onPublish(state));
    }

    /**
     * Applies the states published so far at once, without waiting; for start-up.
     *
     * @param states the first state of every provider
     */
    public void applyNow(Map<String, ProviderState> states) {
        try {
            thread.submit(() -> {
                latest.putAll(states);
                apply();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void onPublish(ProviderState state) {
        latest.put(state.provider(), state);
        if (pending != null) {
            pending.cancel(false);
        }
        long now = System.nanoTime();
        long due = Math.max(now + QUIET.toNanos(), lastApplyNanos + throttle.toNanos());
        pending = thread.schedule(this::apply, due - now, TimeUnit.NANOSECONDS);
    }

    private void apply() {
        pending = null;
        Map<String, String> hashes = new TreeMap<>();
        latest.forEach((k, v) -> hashes.put(k, v.contentHash()));
        if (hashes.equals(appliedHashes)) {
            return;
        }
        lastApplyNanos = System.nanoTime();
        appliedHashes.clear();
        appliedHashes.putAll(hashes);
        try {
            applier.accept(Map.copyOf(latest));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "applying config failed; the last good config keeps serving", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
