package dev.gatehouse.router.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The routes of one host key (or of the wildcard): by exact path, by path prefix, and those without a usable
 * path constraint. Every list holds route orders in ascending order (best route first).
 */
public final class Bucket {
    private final Map<String, int[]> exact = new HashMap<>();
    private final PathTrie prefixes = new PathTrie();
    private int[] any;

    /**
     * Files a route. Routes must be filed in ascending order.
     *
     * @param plan  the route's plan
     * @param order the route's order
     */
    public void add(IndexPlan plan, int order) {
        switch (plan.pathKind()) {
            case EXACT -> exact.merge(plan.path(), new int[] {order}, (a, b) -> OrderLists.append(a, order));
            case PREFIX -> prefixes.add(plan.path(), order);
            case ANY -> any = OrderLists.append(any, order);
        }
    }

    /**
     * Adds the lists of routes that may match a path.
     *
     * @param path the routing path
     * @param out  the candidate lists
     */
    public void collect(String path, Candidates out) {
        int[] e = exact.get(path);
        if (e != null) {
            out.add(e);
        }
        prefixes.collect(path, out);
        if (any != null) {
            out.add(any);
        }
    }
}
