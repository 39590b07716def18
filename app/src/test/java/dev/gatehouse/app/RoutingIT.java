package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: rules pick the right backend, priorities, 404, middleware order, forwarded and hop-by-hop headers. */
class RoutingIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend a;
    static Backends.Backend b;
    static Backends.Backend c;
    static Backends.Backend d;
    static HeaderEchoServer raw;
    static Gateway gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        a = backends.whoami("a");
        b = backends.whoami("b");
        c = backends.whoami("c");
        d = backends.whoami("d");
        raw = new HeaderEchoServer();
        String routes = """
                http:
                  routers:
                    by-host:
                      rule: "Host(`a.test`)"
                      service: svc-a
                    by-path:
                      rule: "Path(`/exact`)"
                      service: svc-b
                    by-prefix:
                      rule: "PathPrefix(`/prefix`)"
                      service: svc-c
                    by-header:
                      rule: "Header(`X-Route`, `d`)"
                      service: svc-d
                    # explicit priority: the shorter rule wins because it says so
                    prio-long-low:
                      rule: "PathPrefix(`/prio/long/path`)"
                      priority: 1
                      service: svc-a
                    prio-short-high:
                      rule: "PathPrefix(`/prio`)"
                      priority: 1000
                      service: svc-b
                    # default priority: the longer rule wins
                    len-short:
                      rule: "PathPrefix(`/len`)"
                      service: svc-a
                    len-long:
                      rule: "PathPrefix(`/len/deeper`)"
                      service: svc-b
                    strip-then-headers:
                      rule: "PathPrefix(`/api`)"
                      middlewares: [strip-api, one, two]
                      service: svc-c
                    order-ab:
                      rule: "PathPrefix(`/oa`)"
                      middlewares: [strip-oa, strip-v1]
                      service: svc-c
                    order-ba:
                      rule: "PathPrefix(`/ob`)"
                      middlewares: [strip-v1, strip-ob]
                      service: svc-c
                    raw:
                      rule: "PathPrefix(`/raw`)"
                      service: svc-raw
                    no-host:
                      rule: "PathPrefix(`/nohost`)"
                      service: svc-nohost
                  middlewares:
                    strip-api:
                      stripPrefix:
                        prefixes: [/api]
                    strip-oa:
                      stripPrefix:
                        prefixes: [/oa]
                    strip-ob:
                      stripPrefix:
                        prefixes: [/ob]
                    strip-v1:
                      stripPrefix:
                        prefixes: [/v1]
                    one:
                      headers:
                        customRequestHeaders:
                          X-Order: one
                          X-One: "yes"
                        customResponseHeaders:
                          X-Order: one
                    two:
                      headers:
                        customRequestHeaders:
                          X-Order: two
                        customResponseHeaders:
                          X-Order: two
                  services:
                    svc-a:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    svc-b:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    svc-c:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    svc-d:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    svc-raw:
                      loadBalancer:
                        servers: [{url: "%s"}]
                    svc-nohost:
                      loadBalancer:
                        passHostHeader: false
                        servers: [{url: "%s"}]
                """.formatted(a.url(), b.url(), c.url(), d.url(), raw.url(), raw.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends, raw);
    }

    private static JsonNode echo(String path, String... headers) {
        HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + path, headers);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return Http.json(r.body());
    }

    private static JsonNode rawEcho(String path, String host, String... extraLines) {
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String l : extraLines) {
            req.append(l).append("\r\n");
        }
        req.append("\r\n");
        Http.RawResponse r = Http.raw(port, req.toString());
        assertThat(r.status()).as("GET %s (Host %s): %s", path, host, r.body()).isEqualTo(200);
        return Http.json(r.body());
    }

    @Test
    void hostPathPrefixAndHeaderRulesRouteToTheirBackends() {
        assertThat(rawEcho("/anything", "a.test", "Connection: close").get("instance").asText()).isEqualTo("a");
        assertThat(echo("/exact").get("instance").asText()).isEqualTo("b");
        assertThat(echo("/prefix/deeper?q=1").get("instance").asText()).isEqualTo("c");
        assertThat(echo("/prefix/deeper?q=1").get("uri").asText()).isEqualTo("/prefix/deeper?q=1");
        assertThat(echo("/whatever", "X-Route", "d").get("instance").asText()).isEqualTo("d");
        // Path is exact: /exact/more matches no router
        assertThat(Http.get("http://127.0.0.1:" + port + "/exact/more").statusCode()).isEqualTo(404);
    }

    @Test
    void explicitPriorityBeatsRuleLengthAndDefaultPriorityIsRuleLength() {
        assertThat(echo("/prio/long/path/x").get("instance").asText()).as("explicit priority 1000 wins").isEqualTo("b");
        assertThat(echo("/len/deeper/x").get("instance").asText()).as("longer rule wins").isEqualTo("b");
        assertThat(echo("/len/other").get("instance").asText()).isEqualTo("a");
        JsonNode router = Http.admin(gateway, "/api/http/routers/len-long@file");
        assertThat(router.get("priority").asInt()).isEqualTo("PathPrefix(`/len/deeper`)".length());
    }

    @Test
    void noMatchingRouteIs404PageNotFound() {
        HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/nothing-routes-here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void middlewaresApplyInDeclaredOrder() {
        HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/api/items?x=1");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode seen = Http.json(r.body());
        assertThat(seen.get("uri").asText()).as("stripPrefix ran").isEqualTo("/items?x=1");
        assertThat(Http.seen(seen, "X-Forwarded-Prefix")).as("backend saw %s", seen).isEqualTo("/api");
        assertThat(Http.seen(seen, "X-One")).as("headers ran after stripPrefix").isEqualTo("yes");
        // request side: the later middleware sets the header last; response side: the earlier one sets it last
        assertThat(Http.seen(seen, "X-Order")).isEqualTo("two");
        assertThat(r.headers().firstValue("X-Order")).hasValue("one");

        assertThat(echo("/oa/v1/x").get("uri").asText()).as("strip /oa, then /v1").isEqualTo("/x");
        assertThat(echo("/ob/v1/x").get("uri").asText()).as("/v1 first (no match), then /ob").isEqualTo("/v1/x");
    }

    /** The one value of a header the raw backend got, or null; fails when it got several. */
    private static String one(JsonNode echo, String name) {
        JsonNode v = echo.get("headers").get(name.toLowerCase());
        if (v == null) {
            return null;
        }
        assertThat(v.size()).as("values of %s: %s", name, v).isEqualTo(1);
        return v.get(0).asText();
    }

    @Test
    void forwardedHeadersReachTheBackendAndTheHostIsPassed() {
        JsonNode seen = rawEcho("/raw/f", "front.test:8080", "Connection: close");
        assertThat(one(seen, "Host")).isEqualTo("front.test:8080");
        assertThat(one(seen, "X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(one(seen, "X-Forwarded-Proto")).isEqualTo("http");
        assertThat(one(seen, "X-Forwarded-Host")).isEqualTo("front.test:8080");
        assertThat(one(seen, "X-Forwarded-Port")).isEqualTo("8080");
        assertThat(one(seen, "X-Real-Ip")).isEqualTo("127.0.0.1");
    }

    @Test
    void untrustedClientsCannotSpoofForwardedHeaders() {
        JsonNode seen = echo("/raw/spoof", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Host", "evil.test",
                "X-Real-Ip", "203.0.113.9");
        assertThat(one(seen, "X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(one(seen, "X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(one(seen, "X-Real-Ip")).isEqualTo("127.0.0.1");
    }

    @Test
    void hopByHopHeadersAreNotForwarded() {
        JsonNode seen = rawEcho("/raw/hop", "front.test", "Connection: X-Hop, keep-alive", "X-Hop: secret",
                "Keep-Alive: timeout=5", "Proxy-Connection: keep-alive", "TE: trailers, deflate",
                "Upgrade: websocket-not-really", "Upgrade-Insecure-Requests: 1", "X-Kept: kept");
        assertThat(one(seen, "X-Kept")).isEqualTo("kept");
        assertThat(one(seen, "Upgrade-Insecure-Requests")).as("not a hop-by-hop header").isEqualTo("1");
        assertThat(names(seen.get("headers"))).doesNotContain("x-hop", "keep-alive", "proxy-connection", "upgrade");
        String connection = one(seen, "Connection");
        if (connection != null) {
            assertThat(connection.toLowerCase()).doesNotContain("x-hop");
        }
        assertThat(one(seen, "TE")).as("only TE: trailers may pass").isEqualTo("trailers");
    }

    @Test
    void passHostHeaderFalseSendsTheServerAddressAsHost() {
        JsonNode seen = rawEcho("/nohost", "front.test", "Connection: close");
        assertThat(one(seen, "Host")).isEqualTo("127.0.0.1:" + raw.port());
        assertThat(one(seen, "X-Forwarded-Host")).as("backend saw %s", seen).isEqualTo("front.test");
    }

    private static java.util.List<String> names(JsonNode headers) {
        java.util.List<String> out = new java.util.ArrayList<>();
        headers.fieldNames().forEachRemaining(n -> out.add(n.toLowerCase()));
        return out;
    }
}
