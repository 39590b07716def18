package dev.gatehouse.router;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Rough figures for the router index, not a test: build time and nanoseconds per match for 10 and 10,000
 * routers, matching the last-declared routes (the worst case for a linear scan). Run its {@code main} from the
 * test classpath; use JMH in the bench module for publishable numbers.
 */
public final class RouterIndexBench {
    private RouterIndexBench() {
    }

    /**
     * Runs the measurements.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        for (int n : new int[] {10, 10_000}) {
            run(n);
        }
    }

    private static void run(int n) {
        List<RouteEntry<Integer>> routes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String rule = i % 2 == 0 ? "Host(`svc" + i + ".example.com`) && PathPrefix(`/api`)" : "Path(`/svc" + i + "`)";
            routes.add(RouteEntry.of("r" + i, Rule.parse(rule), 0, i));
        }
        long buildNs = Long.MAX_VALUE;
        RouterIndex<Integer> index = null;
        for (int k = 0; k < 5; k++) {
            long t0 = System.nanoTime();
            index = RouterIndex.build(routes);
            buildNs = Math.min(buildNs, System.nanoTime() - t0);
        }
        RequestContext ctx = new RequestContext(null, null, null, "web", false);
        HttpRequest[] reqs = {
            Requests.get("http://svc" + (n - 2) + ".example.com/api/users"),
            Requests.get("http://x.example.com/svc" + (n - 1)),
            Requests.get("http://nomatch.example.com/none"),
        };
        long sink = 0;
        int iterations = 3_000_000;
        for (int warm = 0; warm < 3; warm++) {
            sink += loop(index, ctx, reqs, iterations);
        }
        long t0 = System.nanoTime();
        sink += loop(index, ctx, reqs, iterations);
        double nsPerMatch = (System.nanoTime() - t0) / (double) iterations;
        System.out.printf("%,d routers: build %.1f ms, %.0f ns/match (checksum %d)%n", n, buildNs / 1e6, nsPerMatch,
                sink);
    }

    private static long loop(RouterIndex<Integer> index, RequestContext ctx, HttpRequest[] reqs, int iterations) {
        long sink = 0;
        for (int i = 0; i < iterations; i++) {
            Integer t = index.match(ctx, reqs[i % reqs.length]);
            sink += t == null ? -1 : t;
        }
        return sink;
    }
}
