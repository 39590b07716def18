package dev.gatehouse.router.internal;

import java.util.Arrays;

/** Helpers for the int arrays of route orders the index stores. */
final class OrderLists {
    private OrderLists() {
    }

    /**
     * Appends an order. Routes are filed in ascending order, so the lists stay sorted.
     *
     * @param list  the list, or null
     * @param order the order to add
     * @return the new list
     */
    static int[] append(int[] list, int order) {
        if (list == null) {
            return new int[] {order};
        }
        int[] out = Arrays.copyOf(list, list.length + 1);
        out[list.length] = order;
        return out;
    }
}
