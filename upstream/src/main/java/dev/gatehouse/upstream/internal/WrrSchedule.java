package dev.gatehouse.upstream.internal;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * Weighted round robin with Traefik's earliest-deadline-first order, precomputed once: one cycle of the EDF
 * sequence (sum of weights, divided by their GCD) is an array, and a lock-free counter walks it. Any event
 * loop may pick; over whole cycles the picks are exactly proportional to the weights. An unavailable entry
 * is skipped to the next one in the sequence, as Traefik's heap skips it. Weight 0 is never picked.
 */
public final class WrrSchedule {
    /** Cycles longer than this are scaled down (approximately proportional) to bound memory. */
    static final int MAX_CYCLE = 1 << 16;

    private final int[] order;
    private final AtomicLong cursor = new AtomicLong();

    /**
     * @param weights the weights, one per entry; negative counts as 0
     */
    public WrrSchedule(int[] weights) {
        int[] w = normalize(weights);
        long total = 0;
        for (int x : w) {
            total += x;
        }
        order = new int[(int) total];
        record Slot(double deadline, int index, double step) {
        }
        PriorityQueue<Slot> heap = new PriorityQueue<>((a, b) -> a.deadline != b.deadline
                ? Double.compare(a.deadline, b.deadline) : Integer.compare(a.index, b.index));
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                heap.add(new Slot(1.0 / w[i], i, 1.0 / w[i]));
            }
        }
        for (int k = 0; k < order.length; k++) {
            Slot s = heap.poll();
            order[k] = s.index;
            heap.add(new Slot(s.deadline + s.step, s.index, s.step));
        }
    }

    private static int[] normalize(int[] weights) {
        int[] w = new int[weights.length];
        int g = 0;
        long total = 0;
        for (int i = 0; i < weights.length; i++) {
            w[i] = Math.max(0, weights[i]);
            g = gcd(g, w[i]);
        }
        for (int i = 0; i < w.length; i++) {
            if (g > 1) {
                w[i] /= g;
            }
            total += w[i];
        }
        if (total > MAX_CYCLE) {
            double scale = (double) MAX_CYCLE / total;
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i] == 0 ? 0 : Math.max(1, (int) Math.round(w[i] * scale));
            }
        }
        return w;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * Picks the next available entry.
     *
     * @param available whether an entry may be picked now
     * @return the entry's index, or -1 when none is available
     */
    public int next(IntPredicate available) {
        int n = order.length;
        if (n == 0) {
            return -1;
        }
        long start = cursor.getAndIncrement();
        for (int i = 0; i < n; i++) {
            int idx = order[(int) Math.floorMod(start + i, (long) n)];
            if (available.test(idx)) {
                if (i > 0) {
                    // The skipped slots are spent, so the entry after an unavailable one is not favoured.
                    cursor.addAndGet(i);
                }
                return idx;
            }
        }
        return -1;
    }
}
