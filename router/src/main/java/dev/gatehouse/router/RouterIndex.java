package dev.gatehouse.router;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.router.internal.Bucket;
import dev.gatehouse.router.internal.Candidates;
import dev.gatehouse.router.internal.IndexPlan;
import dev.gatehouse.router.internal.MatchInput;
import dev.gatehouse.router.internal.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the router for a request without scanning every router. Built once per configuration; immutable and
 * safe to share between event loops.
 *
 * <pre>
 *  request ─▶ host (and host minus trailing dot) ─▶ host bucket(s) ─┐
 *          └──────────────────────────────────────▶ wildcard bucket ─┤
 *     each bucket: exact-path map + path-prefix trie + no-path list  ├─▶ candidate lists, each in priority order
 *                                                                    ▼
 *            merge in priority order ─▶ first candidate whose residual predicate holds ─▶ target
 * </pre>
 *
 * <p>The result is exactly that of evaluating every rule in priority order and taking the first match: the
 * index only skips routes whose Host/Path/PathPrefix constraint cannot hold, and it drops a constraint from
 * the residual only when finding the route under that key already proves it.
 *
 * <p>Order: higher priority first; equal priorities by router name (ascending, so the outcome does not depend
 * on the order providers list routers); equal names by position in the list given to {@link #build}.
 *
 * @param <T> the target type
 */
public final class RouterIndex<T> {
    private final List<RouteEntry<T>> ordered;
    private final Node[] residuals;
    private final Map<String, Bucket> byHost;
    private final Bucket wildcard;

    private RouterIndex(List<RouteEntry<T>> ordered, Node[] residuals, Map<String, Bucket> byHost,
                        Bucket wildcard) {
        this.ordered = ordered;
        this.residuals = residuals;
        this.byHost = byHost;
        this.wildcard = wildcard;
    }

    /**
     * Builds the index.
     *
     * @param entries the routers, in declaration order
     * @param <T>     the target type
     * @return the index
     */
    public static <T> RouterIndex<T> build(List<RouteEntry<T>> entries) {
        List<RouteEntry<T>> ordered = sortByPrecedence(entries);
        Node[] residuals = new Node[ordered.size()];
        Map<String, Bucket> byHost = new HashMap<>();
        Bucket wildcard = new Bucket();
        for (int order = 0; order < ordered.size(); order++) {
            IndexPlan plan = IndexPlan.of(ordered.get(order).rule().root());
            residuals[order] = plan.residual();
            if (plan.hostKeys() == null) {
                wildcard.add(plan, order);
            } else {
                for (String key : plan.hostKeys()) {
                    byHost.computeIfAbsent(key, k -> new Bucket()).add(plan, order);
                }
            }
        }
        return new RouterIndex<>(ordered, residuals, byHost, wildcard);
    }

    /**
     * Sorts routers the way the index tries them: priority descending, then name ascending, then declaration
     * order. Exposed so that tests and diagnostics (e.g. "router X is shadowed by Y") use the same order.
     *
     * @param entries the routers, in declaration order
     * @param <T>     the target type
     * @return a new list in precedence order
     */
    public static <T> List<RouteEntry<T>> sortByPrecedence(List<RouteEntry<T>> entries) {
        List<RouteEntry<T>> ordered = new ArrayList<>(entries);
        // List.sort is stable, so declaration order breaks the remaining ties.
        ordered.sort(Comparator.<RouteEntry<T>>comparingInt(RouteEntry::priority).reversed()
                .thenComparing(RouteEntry::name));
        return List.copyOf(ordered);
    }

    /**
     * Finds the target of the best router whose rule matches.
     *
     * @param ctx the exchange
     * @param req the request
     * @return the target, or null when no rule matches
     */
    public T match(RequestContext ctx, HttpRequest req) {
        RouteEntry<T> e = matchEntry(ctx, req);
        return e == null ? null : e.target();
    }

    /**
     * Finds the best router whose rule matches.
     *
     * @param ctx the exchange
     * @param req the request
     * @return the router, or null when no rule matches
     */
    public RouteEntry<T> matchEntry(RequestContext ctx, HttpRequest req) {
        MatchInput in = new MatchInput(ctx, req);
        String path = in.path();
        Candidates candidates = new Candidates();
        if (!byHost.isEmpty()) {
            String host = in.host();
            if (!host.isEmpty()) {
                collect(byHost.get(host), path, candidates);
                if (host.charAt(host.length() - 1) == '.') {
                    collect(byHost.get(host.substring(0, host.length() - 1)), path, candidates);
                }
            }
        }
        wildcard.collect(path, candidates);
        for (int order = candidates.next(); order >= 0; order = candidates.next()) {
            Node residual = residuals[order];
            if (residual == null || residual.eval(in)) {
                return ordered.get(order);
            }
        }
        return null;
    }

    /** @return the number of routers */
    public int size() {
        return ordered.size();
    }

    /** @return the routers in the order they are tried */
    public List<RouteEntry<T>> routes() {
        return ordered;
    }

    private static void collect(Bucket bucket, String path, Candidates out) {
        if (bucket != null) {
            bucket.collect(path, out);
        }
    }
}
