package dev.gatehouse.router.internal;

import java.util.Arrays;

/**
 * The sorted lists of route orders that may match one request, merged on the fly: {@link #next()} yields the
 * orders in ascending order (best route first), each once, so the caller can stop at the first route whose
 * residual holds.
 */
public final class Candidates {
    private int[][] lists = new int[8][];
    private int[] pos = new int[8];
    private int size;
    private int last = -1;

    /**
     * Adds a sorted list.
     *
     * @param list route orders, ascending
     */
    public void add(int[] list) {
        if (size == lists.length) {
            lists = Arrays.copyOf(lists, size * 2);
            pos = Arrays.copyOf(pos, size * 2);
        }
        lists[size++] = list;
    }

    /** @return the next smallest order not yet returned, or -1 when none is left */
    public int next() {
        while (true) {
            int best = -1;
            int bestValue = Integer.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                if (pos[i] < lists[i].length && lists[i][pos[i]] < bestValue) {
                    bestValue = lists[i][pos[i]];
                    best = i;
                }
            }
            if (best < 0) {
                return -1;
            }
            pos[best]++;
            // The same route can be reached through two host keys; return it once.
            if (bestValue != last) {
                last = bestValue;
                return bestValue;
            }
        }
    }
}
