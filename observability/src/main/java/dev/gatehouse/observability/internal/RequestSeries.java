package dev.gatehouse.observability.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and a duration histogram for one label set. Every field is a {@link LongAdder}, so event loops
 * record without locks or contention; a scrape sums the cells.
 *
 * <p>The request count is not kept separately: it is the sum of the (non-cumulative) bucket cells, so the
 * {@code +Inf} bucket, {@code _count} and {@code _requests_total} always agree even while requests complete
 * during a scrape.
 */
public final class RequestSeries {
    private final LongAdder[] buckets;
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder requestBytes = new LongAdder();
    private final LongAdder responseBytes = new LongAdder();

    /**
     * Creates a series.
     *
     * @param bucketCount the number of finite buckets; one more cell holds what falls past the last
     */
    public RequestSeries(int bucketCount) {
        buckets = new LongAdder[bucketCount + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /**
     * Records one exchange.
     *
     * @param bucket        the index of the first bucket whose bound holds the duration (or the overflow cell)
     * @param durationNanos the duration
     * @param reqBytes      request body bytes
     * @param respBytes     response body bytes
     */
    public void record(int bucket, long durationNanos, long reqBytes, long respBytes) {
        buckets[bucket].increment();
        sumNanos.add(durationNanos);
        if (reqBytes > 0) {
            requestBytes.add(reqBytes);
        }
        if (respBytes > 0) {
            responseBytes.add(respBytes);
        }
    }

    /**
     * Reads the buckets, cumulated as Prometheus wants them.
     *
     * @return one count per finite bucket, then the total (the {@code +Inf} bucket)
     */
    public long[] cumulativeBuckets() {
        long[] out = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            out[i] = running;
        }
        return out;
    }

    /** @return the sum of durations, in seconds */
    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }

    /** @return request body bytes so far */
    public long requestBytes() {
        return requestBytes.sum();
    }

    /** @return response body bytes so far */
    public long responseBytes() {
        return responseBytes.sum();
    }
}
