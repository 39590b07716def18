package dev.gatehouse.router.internal;

import java.util.Arrays;

/**
 * A character trie of PathPrefix values. Each node holds the (ascending) route orders whose prefix ends there;
 * walking a request path visits every prefix of it in one pass, without allocating.
 */
final class PathTrie {
    private static final PathTrie[] NO_KIDS = new PathTrie[0];

    private char[] labels = new char[0];
    private PathTrie[] kids = NO_KIDS;
    private int[] routes;

    /**
     * Files a route under a prefix.
     *
     * @param prefix the prefix
     * @param order  the route's order
     */
    void add(String prefix, int order) {
        PathTrie n = this;
        for (int i = 0; i < prefix.length(); i++) {
            n = n.child(prefix.charAt(i), true);
        }
        n.routes = OrderLists.append(n.routes, order);
    }

    /**
     * Adds the route lists of every prefix of {@code path} to {@code out}.
     *
     * @param path the routing path
     * @param out  the candidate lists
     */
    void collect(String path, Candidates out) {
        PathTrie n = this;
        if (n.routes != null) {
            out.add(n.routes);
        }
        for (int i = 0; i < path.length(); i++) {
            n = n.child(path.charAt(i), false);
            if (n == null) {
                return;
            }
            if (n.routes != null) {
                out.add(n.routes);
            }
        }
    }

    private PathTrie child(char c, boolean create) {
        int i = Arrays.binarySearch(labels, c);
        if (i >= 0) {
            return kids[i];
        }
        if (!create) {
            return null;
        }
        int at = -i - 1;
        PathTrie k = new PathTrie();
        char[] nl = new char[labels.length + 1];
        PathTrie[] nk = new PathTrie[kids.length + 1];
        System.arraycopy(labels, 0, nl, 0, at);
        System.arraycopy(kids, 0, nk, 0, at);
        nl[at] = c;
        nk[at] = k;
        System.arraycopy(labels, at, nl, at + 1, labels.length - at);
        System.arraycopy(kids, at, nk, at + 1, kids.length - at);
        labels = nl;
        kids = nk;
        return k;
    }
}
