package dev.gatehouse.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouterIndexTest {

    @Test
    void higherPriorityWinsThenNameThenDeclarationOrder() {
        Rule any = Rule.parse("PathPrefix(`/`)");
        List<RouteEntry<String>> routes = List.of(
                new RouteEntry<>("b", any, 5, "b-first"),
                new RouteEntry<>("a", any, 5, "a"),
                new RouteEntry<>("b", any, 5, "b-second"),
                new RouteEntry<>("z", any, 6, "z"));
        RouterIndex<String> index = RouterIndex.build(routes);
        assertThat(index.routes()).extracting(RouteEntry::target).containsExactly("z", "a", "b-first", "b-second");
        assertThat(index.match(Requests.ctx(), Requests.get("http://h/x"))).isEqualTo("z");
        assertThat(RouterIndex.build(routes.subList(0, 3)).match(Requests.ctx(), Requests.get("http://h/x")))
                .isEqualTo("a");
    }

    @Test
    void defaultPriorityPrefersTheLongerRule() {
        RouterIndex<String> index = RouterIndex.build(List.of(
                RouteEntry.of("short", Rule.parse("PathPrefix(`/a`)"), 0, "short"),
                RouteEntry.of("long", Rule.parse("PathPrefix(`/a/b`)"), 0, "long"),
                RouteEntry.of("host", Rule.parse("Host(`x.com`) && PathPrefix(`/a`)"), 0, "host")));
        assertThat(index.match(Requests.ctx(), Requests.get("http://x.com/a/b"))).isEqualTo("host");
        assertThat(index.match(Requests.ctx(), Requests.get("http://y.com/a/b"))).isEqualTo("long");
        assertThat(index.match(Requests.ctx(), Requests.get("http://y.com/a/c"))).isEqualTo("short");
        assertThat(index.match(Requests.ctx(), Requests.get("http://y.com/b"))).isNull();
    }

    @Test
    void tenThousandRoutersFindTheLastDeclared() {
        List<RouteEntry<Integer>> routes = new ArrayList<>();
        routes.add(RouteEntry.of("catch-all", Rule.parse("PathPrefix(`/`)"), 1, -1));
        for (int i = 0; i < 10_000; i++) {
            String rule = i % 2 == 0 ? "Host(`svc" + i + ".example.com`) && PathPrefix(`/api`)" : "Path(`/svc" + i + "`)";
            routes.add(RouteEntry.of("r" + i, Rule.parse(rule), 0, i));
        }
        long t0 = System.nanoTime();
        RouterIndex<Integer> index = RouterIndex.build(routes);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("RouterIndex build, 10001 routers: " + buildMs + " ms");
        assertThat(buildMs).as("build time").isLessThan(5_000);

        RequestContext ctx = Requests.ctx();
        assertThat(index.match(ctx, Requests.get("http://x/svc9999"))).isEqualTo(9999);
        assertThat(index.match(ctx, Requests.get("http://svc9998.example.com/api/users"))).isEqualTo(9998);
        assertThat(index.match(ctx, Requests.get("http://SVC9998.example.com:8443/api"))).isEqualTo(9998);
        assertThat(index.match(ctx, Requests.get("http://svc9998.example.com/other"))).isEqualTo(-1);
        assertThat(index.match(ctx, Requests.get("http://svc9999.example.com/api"))).isEqualTo(-1);
        assertThat(index.match(ctx, Requests.get("http://x/svc9998"))).isEqualTo(-1);
    }

    /** The index must give exactly what a scan of every rule in precedence order gives. */
    @Test
    void indexAgreesWithALinearScanOnRandomRulesAndRequests() {
        Random rnd = new Random(7);
        int compared = 0;
        int matched = 0;
        for (int round = 0; round < 300; round++) {
            List<RouteEntry<Integer>> routes = new ArrayList<>();
            int n = 1 + rnd.nextInt(round == 0 ? 2000 : 60);
            for (int i = 0; i < n; i++) {
                String rule = RandomRules.rule(rnd);
                int priority = rnd.nextBoolean() ? 0 : rnd.nextInt(5) - 1;
                routes.add(RouteEntry.of("r" + rnd.nextInt(n), Rule.parse(rule), priority, i));
            }
            RouterIndex<Integer> index = RouterIndex.build(routes);
            List<RouteEntry<Integer>> ordered = RouterIndex.sortByPrecedence(routes);
            for (int k = 0; k < (round == 0 ? 3000 : 40); k++) {
                RequestContext ctx = Requests.ctxFrom(RandomRules.pick(rnd, RandomRules.IPS));
                HttpRequest req = RandomRules.request(rnd);
                RouteEntry<Integer> expected = null;
                for (RouteEntry<Integer> e : ordered) {
                    if (e.rule().matches(ctx, req)) {
                        expected = e;
                        break;
                    }
                }
                RouteEntry<Integer> got = index.matchEntry(ctx, req);
                assertThat(got).as("request %s host %s", req, req.host()).isSameAs(expected);
                compared++;
                matched += expected == null ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(matched).as("the generator must produce matches").isGreaterThan(compared / 4);
        assertThat(compared - matched).as("and misses").isGreaterThan(compared / 50);
    }

    /** Random rules and requests over a small vocabulary, so that they often meet. */
    static final class RandomRules {
        static final String[] HOSTS = {"a.com", "b.com", "a.com.", "c.org", "x.a.com"};
        static final String[] PATHS = {"/", "/api", "/api/v1", "/apix", "/b", "/api/v1/users"};
        static final String[] IPS = {"10.0.0.1", "10.1.2.3", "192.168.1.7", "2001:db8::1", "::1"};

        private RandomRules() {
        }

        static String rule(Random rnd) {
            return switch (rnd.nextInt(4)) {
                case 0 -> "Host(`" + pick(rnd, HOSTS) + "`) && PathPrefix(`" + pick(rnd, PATHS) + "`)";
                case 1 -> "(Host(`" + pick(rnd, HOSTS) + "`) || Host(`" + pick(rnd, HOSTS) + "`)) && "
                        + tree(rnd, 1);
                default -> tree(rnd, 3);
            };
        }

        private static String tree(Random rnd, int depth) {
            int r = depth == 0 ? 3 : rnd.nextInt(6);
            return switch (r) {
                case 0 -> tree(rnd, depth - 1) + " && " + tree(rnd, depth - 1);
                case 1 -> "(" + tree(rnd, depth - 1) + " || " + tree(rnd, depth - 1) + ")";
                case 2 -> "!" + (rnd.nextBoolean() ? atom(rnd) : "(" + tree(rnd, depth - 1) + ")");
                default -> atom(rnd);
            };
        }

        private static String atom(Random rnd) {
            return switch (rnd.nextInt(12)) {
                case 0, 1 -> "Host(`" + pick(rnd, HOSTS) + "`)";
                case 2 -> "HostRegexp(`^[ab]\\.com`)";
                case 3 -> "Path(`" + pick(rnd, PATHS) + "`)";
                case 4, 5 -> "PathPrefix(`" + pick(rnd, PATHS) + "`)";
                case 6 -> "PathRegexp(`^/api/v[0-9]`)";
                case 7 -> "Method(`" + pick(rnd, new String[] {"GET", "post"}) + "`)";
                case 8 -> rnd.nextBoolean() ? "Header(`X-T`, `1`)" : "HeaderRegexp(`x-t`, `^[12]$`)";
                case 9 -> rnd.nextBoolean() ? "Query(`q`, `1`)" : "Query(`flag`)";
                case 10 -> "QueryRegexp(`q`, `^[0-9]+$`)";
                default -> "ClientIP(`" + pick(rnd, new String[] {"10.0.0.0/8", "2001:db8::/32", "10.0.0.1"}) + "`)";
            };
        }

        static HttpRequest request(Random rnd) {
            String[] hosts = {"a.com", "A.COM:8080", "b.com", "a.com.", "c.org", "x.a.com", "nope.com", ""};
            String[] paths = {"/", "/api", "/api/v1", "/api/v1/users/7", "/apix", "/apixyz", "/b", "/c", "/api%2Fv1"};
            String[] queries = {"", "?q=1", "?q=12&flag", "?flag=", "?q=x"};
            HttpHeaders h = new DefaultHttpHeaders();
            if (rnd.nextBoolean()) {
                h.add("X-T", rnd.nextBoolean() ? "1" : "3");
            }
            String url = "http://" + pick(rnd, hosts) + pick(rnd, paths) + pick(rnd, queries);
            return Requests.request(rnd.nextInt(3) == 0 ? "POST" : "GET", url, h);
        }

        static String pick(Random rnd, String[] from) {
            return from[rnd.nextInt(from.length)];
        }
    }
}
