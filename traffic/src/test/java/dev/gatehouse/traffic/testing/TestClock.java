package dev.gatehouse.traffic.testing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock tests move by hand. */
public final class TestClock implements LongSupplier {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Override
    public long getAsLong() {
        return now.get();
    }

    /** @param millis how far to move */
    public void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }
}
