package dev.gatehouse.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traefik v3's own matcher cases (pkg/muxer/http/matcher_test.go), ported as data: the rule, then each request
 * with whether it must match. Cases that only exist because of Go's header-map representation are left out.
 */
class TraefikMatcherCasesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "ClientIP(`1`)", "ClientIP()", "ClientIP(``)", "ClientIP(`127.0.0.1`, `192.168.1.0/24`)",
        "Method()", "Method(``)", "Method(`GET`, `POST`)",
        "Host()", "Host(``)", "Host(`🦭.com`)", "Host(`example.com`, `example.org`)",
        "HostRegexp()", "HostRegexp(``)", "HostRegexp(`🦭.com`)", "HostRegexp(`(example.com`)",
        "HostRegexp(`example.com`, `example.org`)",
        "Path()", "Path(``)", "Path(`css`)", "Path(`/css`, `/js`)",
        "PathRegexp()", "PathRegexp(``)", "PathRegexp(`/(css`)", "PathRegexp(`/css`, `/js`)",
        "PathPrefix()", "PathPrefix(``)", "PathPrefix(`css`)", "PathPrefix(`/css`, `/js`)",
        "Header()", "Header(`X-Forwarded-Host`)", "Header(`X-Forwarded-Host`, ``)", "Header(``, `example.com`)",
        "Header(`X-Forwarded-Host`, `example.com`, `example.org`)",
        "HeaderRegexp()", "HeaderRegexp(`X-Forwarded-Host`)", "HeaderRegexp(`X-Forwarded-Host`, ``)",
        "HeaderRegexp(``, `example.com`)", "HeaderRegexp(`X-Forwarded-Host`,`(example.com`)",
        "HeaderRegexp(`X-Forwarded-Host`, `example.com`, `example.org`)",
        "Query()", "Query(``)", "Query(``, `traefik`)", "Query(`q`, ``)", "Query(`q`, `traefik`, `proxy`)",
        "QueryRegexp()", "QueryRegexp(``)", "QueryRegexp(`q`, `(traefik`)", "QueryRegexp(`q`, `traefik`, `proxy`)",
        // pkg/muxer/http/mux_test.go and pkg/rules/parser_test.go
        "", "rulewithnotmatcher", "m", "Host(`locàlhost`)", "HostRegexp(`locàlhost`)", "Host(tchouk)",
        "Path(\"titi\")", "PathPrefix(\"titi\")", "Host(\"tchouk\") && Path()", "Host(\"tchouk\") && Path(\"\")",
        "ClientIP(`invalid`)", "Host(`1`) &&", "Host(`1`) ||", "Host(`1)", "Host(`1`))", "(Host(`1`)",
        "w(`1`)", "Host('a')"
    })
    void rejectsWhatTraefikRejects(String rule) {
        assertThatThrownBy(() -> Rule.parse(rule)).isInstanceOf(RuleSyntaxException.class);
    }

    @Test
    void clientIp() {
        assertClient("ClientIP(`127.0.0.1`)", Map.of("127.0.0.1", true, "192.168.1.1", false));
        assertClient("ClientIP(`192.168.1.0/24`)",
                Map.of("192.168.1.1", true, "192.168.1.100", true, "192.168.2.1", false));
        assertClient("ClientIP(`10.10.1.1`)", Map.of("10.0.0.0", false));
        assertClient("ClientIP(`10::10`)", Map.of("::1", false, "10::10", true));
        assertClient("ClientIP(`10.0.0.0`)", Map.of("10.0.0.0", true));
        assertThat(Rule.parse("ClientIP(`127.0.0.1`)").matches(Requests.ctx(), Requests.get("https://a")))
                .as("no peer address").isFalse();
    }

    @Test
    void method() {
        Rule upper = Rule.parse("Method(`GET`)");
        Rule lower = Rule.parse("Method(`get`)");
        for (Rule r : List.of(upper, lower)) {
            assertThat(r.matches(Requests.ctx(), Requests.request("GET", "https://example.com", headers())))
                    .isTrue();
            assertThat(r.matches(Requests.ctx(), Requests.request("POST", "https://example.com", headers())))
                    .isFalse();
            assertThat(r.matches(Requests.ctx(), Requests.request("get", "https://example.com", headers())))
                    .isFalse();
        }
    }

    @Test
    void host() {
        assertUrls("Host(`example.com`)", Map.of("https://example.com", true, "https://example.com:8080", true,
                "https://example.com/path", true, "https://EXAMPLE.COM/path", true, "https://example.org", false,
                "https://example.org/path", false, "https://example.com.", true, "https://example.com./path", true,
                "https://example.org.", false));
        assertUrls("Host(`example.com.`)", Map.of("https://example.com", true, "https://example.com/path", true,
                "https://example.org", false, "https://example.com.", true, "https://example.com./path", true,
                "https://example.org.", false, "https://example.org./path", false));
        assertUrls("Host(`EXAMPLE.COM`)", Map.of("https://example.com", true, "https://example.org", false));
        assertUrls("Host(`xn--9t9h.com`)", Map.of("https://xn--9t9h.com", true, "https://example.com", false,
                "https://🦭.com", false));
        assertUrls("Host(`127.0.0.1`)", Map.of("http://127.0.0.1/foo", true));
        assertUrls("Host(`10::10`)", Map.of("http://[10::10]/foo", true));
    }

    @Test
    void hostRegexp() {
        assertUrls("HostRegexp(`^[a-zA-Z-]+\\.com$`)", Map.of("https://example.com", true,
                "https://example.com:8080", true, "https://example.com/path", true, "https://example.org", false));
        assertUrls("HostRegexp(`^[A-Z]+\\.com$`)", Map.of("https://example.com", false, "https://EXAMPLE.com",
                false, "https://example.org", false));
        assertUrls("HostRegexp(`{domain:[a-zA-Z-]+\\.com}`)", Map.of("https://example.com", false,
                "https://example.org", false));
    }

    @Test
    void path() {
        assertUrls("Path(`/css`)", Map.of("https://example.com", false, "https://example.com/html", false,
                "https://example.org/css", true, "https://example.com/css", true, "https://example.com/css/", false,
                "https://example.com/css/main.css", false));
    }

    @Test
    void pathRegexp() {
        assertUrls("PathRegexp(`^/(css|js)`)", Map.of("https://example.com", false, "https://example.com/html",
                false, "https://example.org/css", true, "https://example.com/CSS", false, "https://example.com/css/",
                true, "https://example.com/css/main.css", true, "https://example.com/js", true,
                "https://example.com/js/main.js", true));
        assertUrls("PathRegexp(\"/{path:(css|js)}\")", Map.of("https://example.com", false,
                "https://example.org/css", false, "https://example.com/{path:css}", true,
                "https://example.com/{path:css}/", true, "https://example.com/%7Bpath:css%7D", true,
                "https://example.com/%7Bpath:css%7D/", true, "https://example.com/{path:js}", true,
                "https://example.com/%7Bpath:js%7D", true));
    }

    @Test
    void pathPrefix() {
        assertUrls("PathPrefix(\"/css\")", Map.of("https://example.com", false, "https://example.com/html", false,
                "https://example.org/css", true, "https://example.com/css", true, "https://example.com/css/", true,
                "https://example.com/css/main.css", true));
    }

    @Test
    void header() {
        for (String rule : List.of("Header(`X-Forwarded-Proto`, `https`)", "Header(`x-forwarded-proto`, `https`)")) {
            assertHeaders(rule, "X-Forwarded-Proto", List.of("https"), true);
            assertHeaders(rule, "X-Forwarded-Proto", List.of("http", "https"), true);
            assertHeaders(rule, "X-Forwarded-Proto", List.of("https", "http"), true);
            assertHeaders(rule, "X-Forwarded-Host", List.of("example.com"), false);
        }
    }

    @Test
    void headerRegexp() {
        for (String rule : List.of("HeaderRegexp(`X-Forwarded-Proto`, `^https?$`)",
                "HeaderRegexp(`x-forwarded-proto`, `^https?$`)")) {
            assertHeaders(rule, "X-Forwarded-Proto", List.of("http"), true);
            assertHeaders(rule, "X-Forwarded-Proto", List.of("https"), true);
            assertHeaders(rule, "X-Forwarded-Proto", List.of("HTTPS"), false);
            assertHeaders(rule, "X-Forwarded-Proto", List.of("ws", "https"), true);
            assertHeaders(rule, "X-Forwarded-Host", List.of("example.com"), false);
        }
        String v2 = "HeaderRegexp(`X-Forwarded-Proto`, `http{secure:s?}`)";
        assertHeaders(v2, "X-Forwarded-Proto", List.of("http"), false);
        assertHeaders(v2, "X-Forwarded-Proto", List.of("https"), false);
        assertHeaders(v2, "X-Forwarded-Proto", List.of("http{secure:}"), true);
        assertHeaders(v2, "X-Forwarded-Proto", List.of("HTTP{secure:}"), false);
        assertHeaders(v2, "X-Forwarded-Proto", List.of("http{secure:s}"), true);
        assertHeaders(v2, "X-Forwarded-Proto", List.of("ws", "http{secure:s}"), true);
    }

    @Test
    void query() {
        assertUrls("Query(`q`, `traefik`)", Map.of("https://example.com", false,
                "https://example.com?q=traefik", true, "https://example.com?rel=ddg&q=traefik", true,
                "https://example.com?q=traefik&q=proxy", true, "https://example.com?q=awesome&q=traefik", true,
                "https://example.com?q=nginx", false, "https://example.com?rel=ddg", false,
                "https://example.com?q=TRAEFIK", false, "https://example.com?Q=traefik", false,
                "https://example.com?rel=traefik", false));
        assertUrls("Query(`mobile`)", Map.of("https://example.com", false, "https://example.com?mobile", true,
                "https://example.com?mobile=true", false));
    }

    @Test
    void queryRegexp() {
        assertUrls("QueryRegexp(`q`, `^(traefik|nginx)$`)", Map.of("https://example.com", false,
                "https://example.com?q=traefik", true, "https://example.com?rel=ddg&q=traefik", true,
                "https://example.com?q=awesome&q=traefik", true, "https://example.com?q=TRAEFIK", false,
                "https://example.com?Q=traefik", false, "https://example.com?q=nginx", true,
                "https://example.com?q=NGINX", false, "https://example.com?q=haproxy", false,
                "https://example.com?rel=ddg", false));
        assertUrls("QueryRegexp(`q`, `^.*$`)", Map.of("https://example.com", false,
                "https://example.com?q=TRAEFIK", true, "https://example.com?Q=traefik", false,
                "https://example.com?q=haproxy", true, "https://example.com?rel=ddg", false));
        assertUrls("QueryRegexp(`q`, `{value:(traefik|nginx)}`)", Map.of("https://example.com?q=traefik", false,
                "https://example.com?q={value:traefik}", true));
    }

    /** Operator cases from pkg/muxer/http/mux_test.go, with the v3 one-argument matchers. */
    @Test
    void operators() {
        assertUrls("Path(\"/a\") && Host(\"plop\")", Map.of("http://plop/a", true, "http://plopi/a", false));
        assertUrls("Host(\"tchouk\") || Host(\"pouet\")", Map.of("http://tchouk/toto", true, "http://pouet/a", true,
                "http://plopi/a", false));
        Map<String, Boolean> orAnd = Map.of("http://tchouk/toto", true, "http://tchouk/powpow", true,
                "http://pouet/powpow", true, "http://pouet/toto", false, "http://plopi/a", false);
        assertUrls("Host(\"tchouk\") || (Host(\"pouet\") && Path(\"/powpow\"))", orAnd);
        assertUrls("Host(\"tchouk\") || Host(\"pouet\") && Path(\"/powpow\")", orAnd);
        assertUrls("(Host(\"tchouk\") || Host(\"pouet\")) && Path(\"/powpow\")", Map.of("http://tchouk/toto",
                false, "http://tchouk/powpow", true, "http://pouet/powpow", true, "http://plopi/a", false));
        assertUrls("(Host(\"tchouk\") && Path(\"/titi\")) || ((Host(\"pouet\")) && Path(\"/powpow\"))",
                Map.of("http://tchouk/titi", true, "http://tchouk/powpow", false, "http://pouet/powpow", true,
                        "http://pouet/toto", false));
        for (String r : List.of("(HOST(\"tchouk\") && PATHPREFIX(\"/titi\"))",
                "(host(\"tchouk\") && pathprefix(\"/titi\"))", "(Host(\"tchouk\") && Pathprefix(\"/titi\"))")) {
            assertUrls(r, Map.of("http://tchouk/titi", true, "http://tchouk/powpow", false));
        }
        assertUrls("!Host(\"tchouk\")", Map.of("http://tchouk/titi", false, "http://test/powpow", true));
        assertUrls("!Path(\"/titi\")", Map.of("http://tchouk/titi", false, "http://tchouk/powpow", true));
        assertUrls("!(Host(\"tchouk\") || Host(\"toto\"))", Map.of("http://tchouk/titi", false,
                "http://toto/powpow", false, "http://test/powpow", true));
        assertUrls("!(Host(\"tchouk\") && Path(\"/titi\"))", Map.of("http://tchouk/titi", false,
                "http://tchouk/toto", true, "http://test/titi", true));
        assertUrls("!(Host(\"tchouk\") && !Path(\"/titi\"))", Map.of("http://tchouk/titi", true,
                "http://toto/titi", true, "http://tchouk/toto", false));
        assertUrls("!Host(\"tchouk\") || !Path(\"/titi\")", Map.of("http://tchouk/titi", false,
                "http://tchouk/toto", true, "http://test/titi", true));
        assertUrls("!(!(Host(\"tchouk\") && Pathprefix(\"/titi\")))", Map.of("http://tchouk/titi", true,
                "http://tchouk/powpow", false, "http://test/titi", false));
        assertUrls("!Host(\"tchouk\") && Pathprefix(\"/titi\")", Map.of("http://tchouk/titi", false,
                "http://tchouk/powpow", false, "http://toto/powpow", false, "http://toto/titi", true));
    }

    private static void assertUrls(String rule, Map<String, Boolean> expected) {
        Rule r = Rule.parse(rule);
        expected.forEach((url, want) ->
                assertThat(r.matches(Requests.ctx(), Requests.get(url))).as(rule + " on " + url).isEqualTo(want));
    }

    private static void assertClient(String rule, Map<String, Boolean> expected) {
        Rule r = Rule.parse(rule);
        expected.forEach((ip, want) -> assertThat(r.matches(Requests.ctxFrom(ip), Requests.get("https://example.com")))
                .as(rule + " from " + ip).isEqualTo(want));
    }

    private static void assertHeaders(String rule, String name, List<String> values, boolean want) {
        HttpHeaders h = headers();
        values.forEach(v -> h.add(name, v));
        boolean got = Rule.parse(rule).matches(Requests.ctx(), Requests.request("GET", "https://example.com", h));
        assertThat(got).as(rule + " with " + name + "=" + values).isEqualTo(want);
    }

    private static HttpHeaders headers() {
        return new DefaultHttpHeaders();
    }
}
