package dev.gatehouse.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.RequestContext;
import dev.gatehouse.router.internal.IpRange;
import dev.gatehouse.router.internal.QueryParams;
import dev.gatehouse.router.internal.RoutingPath;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {

    @Test
    void defaultPriorityIsTheRuleLengthInUtf8Bytes() {
        assertThat(Rules.defaultPriority("Host(`a.com`)")).isEqualTo(13);
        assertThat(Rules.defaultPriority("Path(`/é`)")).isEqualTo(11);
        assertThat(RouteEntry.of("r", Rule.parse("Host(`a.com`)"), 0, "t").priority()).isEqualTo(13);
        assertThat(RouteEntry.of("r", Rule.parse("Host(`a.com`)"), -5, "t").priority()).isEqualTo(-5);
    }

    @Test
    void userRegexesRunInLinearTime() {
        // (a+)+$ against a's followed by '!' backtracks exponentially in java.util.regex (2^40 paths here);
        // RE2J answers in time linear in the input.
        String path = "/" + "a".repeat(40) + "!";
        for (String rule : List.of("PathRegexp(`^/(a+)+$`)", "HeaderRegexp(`X-Id`, `^(a+)+$`)",
                "QueryRegexp(`q`, `^(a+)+$`)", "HostRegexp(`^(a+)+$`)")) {
            Rule r = Rule.parse(rule);
            DefaultHttpHeaders h = new DefaultHttpHeaders();
            h.set("X-Id", path.substring(1));
            long start = System.nanoTime();
            boolean matched = r.matches(Requests.ctx(),
                    Requests.request("GET", "https://" + "a".repeat(40) + "x.test" + path + "?q=" + path.substring(1), h));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(matched).as(rule).isFalse();
            assertThat(millis).as(rule + " took " + millis + " ms").isLessThan(1_000);
        }
    }

    /** Traefik's pkg/ip/checker_test.go cases. */
    @Test
    void ipRanges() {
        assertIn("1.2.3.4/24", true, "1.2.3.1", "1.2.3.32", "1.2.3.156", "1.2.3.255");
        assertIn("1.2.3.4/24", false, "1.2.16.1", "1.2.32.1", "127.0.0.1", "8.8.8.8", "10.2.3.1");
        assertIn("8.8.8.8", true, "8.8.8.8");
        assertIn("8.8.8.8", false, "8.8.8.7", "8.8.8.9", "8.8.8.0", "8.8.8.255", "4.4.4.4", "127.0.0.1");
        assertIn("8.8.8.8/32", true, "8.8.8.8");
        assertIn("8.8.8.8/8", true, "8.8.4.4", "8.0.0.1", "8.32.42.128", "8.255.255.255");
        assertIn("2a03:4000:6:d080::/64", true, "2a03:4000:6:d080::", "2a03:4000:6:d080::1",
                "2a03:4000:6:d080:dead:beef:ffff:ffff", "2a03:4000:6:d080::42");
        assertIn("2a03:4000:6:d080::/64", false, "2a03:4000:7:d080::", "2a03:4000:7:d080::1", "fe80::", "4242::1");
        assertIn("2a03:4000:6:d080::42/128", true, "2a03:4000:6:d080::42");
        assertIn("2a03:4000:6:d080::42/128", false, "2a03:4000:6:d080::1", "2a03:4000:6:d080::43");
        assertIn("fe80::/16", true, "fe80::1", "fe80:aa00:00bb:4232:ff00:eeee:00ff:1111", "fe80::fe80");
        assertIn("::ffff:1.2.3.0/120", true, "1.2.3.9");
        assertIn("::/0", false, "1.2.3.4");
        assertIn("10.0.0.1", true, "::ffff:10.0.0.1");
        for (String bad : new String[] {"", "foo", "1", "10.0.0.350", "fe:::80", "0127.2.3.1", "1.2.3.4/33",
            "1.2.3.4/", "::1/129", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "1.2.3", "1.2.3.4.5", "::1%eth0",
            "\\&$§&/("}) {
            assertThat(IpRange.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void queryIsParsedLikeTraefikAndOncePerRequest() {
        var q = parse("a=1&a=2&b&c=&d=x%20y+z&bad=%zz&semi=1;x=2&=e&k%3D=v%3D&f=b=ar");
        assertThat(q.values("a")).containsExactly("1", "2");
        assertThat(q.values("b")).containsExactly("");
        assertThat(q.values("c")).containsExactly("");
        assertThat(q.values("d")).containsExactly("x y z");
        assertThat(q.values("bad")).isNull();
        assertThat(q.values("semi")).isNull();
        assertThat(q.values("")).containsExactly("e");
        assertThat(q.values("k=")).containsExactly("v=");
        assertThat(q.values("f")).containsExactly("b=ar");

        RequestContext ctx = Requests.ctx();
        var req = Requests.get("http://a/x?q=1");
        QueryParams first = QueryParams.of(ctx, req);
        assertThat(QueryParams.of(ctx, req)).as("cached on the context").isSameAs(first);
        req.rawQuery("q=2");
        assertThat(QueryParams.of(ctx, req).values("q")).as("a rewritten query is parsed again").containsExactly("2");
    }

    @Test
    void routingPathDecodesAllButReservedCharacters() {
        assertThat(RoutingPath.of("/foo%20bar")).isEqualTo("/foo bar");
        assertThat(RoutingPath.of("/a%2Fb")).isEqualTo("/a%2Fb");
        assertThat(RoutingPath.of("/a%2fb")).isEqualTo("/a%2Fb");
        assertThat(RoutingPath.of("/%25%3F")).isEqualTo("/%25%3F");
        assertThat(RoutingPath.of("/%C3%A9")).isEqualTo("/é");
        assertThat(RoutingPath.of("/bad%2")).isEqualTo("/bad%2");
        assertThat(Requests.matches("PathPrefix(`/foo bar`)", "http://a/foo%20bar")).isTrue();
        assertThat(Requests.matches("Path(`/a/b`)", "http://a/a%2Fb")).isFalse();
    }

    @Test
    void normalizedPathWinsOverTheRawPath() {
        RequestContext ctx = Requests.ctx();
        ctx.normalizedPath("/api/x");
        assertThat(Rule.parse("Path(`/api/x`)").matches(ctx, Requests.get("http://a/api/../api/x"))).isTrue();
        assertThat(Rule.parse("Path(`/api/x`)").matches(Requests.ctx(), Requests.get("http://a/api/../api/x")))
                .isFalse();
    }

    @Test
    void hostHeaderIsNotAHeaderForHeaderMatchers() {
        var h = new DefaultHttpHeaders().add("Host", "a.com");
        var req = Requests.request("GET", "http://a.com/", h);
        assertThat(Rule.parse("Header(`Host`, `a.com`)").matches(Requests.ctx(), req)).isFalse();
        assertThat(Rule.parse("Host(`a.com`)").matches(Requests.ctx(), req)).isTrue();
    }

    private static QueryParams parse(String raw) {
        return QueryParams.of(null, Requests.get("http://a/?" + raw));
    }

    private static void assertIn(String range, boolean want, String... ips) {
        IpRange r = IpRange.parse(range);
        assertThat(r).as(range).isNotNull();
        for (String ip : ips) {
            assertThat(r.contains(IpRange.parseIp(ip))).as(range + " contains " + ip).isEqualTo(want);
        }
    }
}
