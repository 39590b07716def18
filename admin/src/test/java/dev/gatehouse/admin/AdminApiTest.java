package dev.gatehouse.admin;

import static dev.gatehouse.admin.Fixture.read;
import static dev.gatehouse.admin.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.install.AccessLogSpec;
import dev.gatehouse.config.install.ApiSpec;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.config.install.MetricsSpec;
import dev.gatehouse.config.install.PingSpec;
import dev.gatehouse.config.install.ProvidersSpec;
import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.observability.GatewayMetrics;
import io.netty.channel.DefaultEventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    private static final InstallConfig INSTALL = new InstallConfig(Map.of(),
            new ProvidersSpec(null, new ProvidersSpec.FileProviderSpec("dynamic.yaml", null, null)),
            new ApiSpec(null, null, null, null), new PingSpec(null),
            new MetricsSpec(new MetricsSpec.PrometheusSpec(null, null, null, null)),
            new AccessLogSpec(null, null, null, null), null);

    private final Fixture model = new Fixture();
    private final GatewayMetrics metrics = GatewayMetrics.create(null);
    private final AdminApi api = AdminApi.create(model, INSTALL, metrics, Runnable::run);

    private Fixture.Reply get(String target) {
        return read(api.handle(Fixture.ctx(null), request(HttpMethod.GET, target)));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    @Test
    void routersListInTraefiksShape() {
        Fixture.Reply r = get("/api/http/routers");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(r.headers().get("X-Next-Page")).isEqualTo("1");
        JsonNode list = r.json();
        assertThat(names(list)).containsExactly("bar@myprovider", "broken@file", "test@myprovider");
        assertThat(list.get(0)).isEqualTo(Fixture.tree("""
                {"entryPoints":["web"],"middlewares":["auth","addPrefixTest@anotherprovider"],
                 "name":"bar@myprovider","provider":"myprovider","rule":"Host(`foo.bar`)",
                 "service":"foo-service@myprovider","status":"enabled","using":["web"]}"""));
        JsonNode broken = list.get(1);
        assertThat(broken.get("status").asText()).isEqualTo("disabled");
        assertThat(broken.get("error").get(0).asText()).contains("nope@file");
        assertThat(broken.has("using")).isFalse();
    }

    @Test
    void oneRouterAndItsTlsDefaults() {
        JsonNode r = get("/api/http/routers/test@myprovider").json();
        assertThat(r.get("priority").asInt()).isEqualTo(12);
        assertThat(r.get("tls").get("options").asText()).isEqualTo("default");
        assertThat(get("/api/http/routers/test%40myprovider").json()).isEqualTo(r);
    }

    @Test
    void unknownNamesAnswer404WithTraefiksError() {
        Fixture.Reply r = get("/api/http/routers/nope@file");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json()).isEqualTo(Fixture.tree("{\"message\":\"router not found: nope@file\"}"));
        assertThat(get("/api/http/services/x@file").json().get("message").asText())
                .isEqualTo("service not found: x@file");
        assertThat(get("/api/http/middlewares/x@file").json().get("message").asText())
                .isEqualTo("middleware not found: x@file");
        assertThat(get("/api/entrypoints/nope").json().get("message").asText())
                .isEqualTo("entry point not found: nope");
        assertThat(get("/api/nothing").status()).isEqualTo(404);
        assertThat(get("/elsewhere").status()).isEqualTo(404);
    }

    @Test
    void filtersBySearchStatusServiceAndMiddleware() {
        assertThat(names(get("/api/http/routers?search=OTHER").json())).containsExactly("test@myprovider");
        assertThat(names(get("/api/http/routers?search=broken").json())).containsExactly("broken@file");
        assertThat(names(get("/api/http/routers?status=disabled").json())).containsExactly("broken@file");
        assertThat(names(get("/api/http/routers?serviceName=foo-service@myprovider").json()))
                .containsExactly("bar@myprovider", "test@myprovider");
        assertThat(names(get("/api/http/routers?middlewareName=auth").json()))
                .containsExactly("bar@myprovider", "test@myprovider");
        assertThat(names(get("/api/http/services?status=warning").json())).containsExactly("other@file");
        assertThat(names(get("/api/http/middlewares?search=addprefix").json()))
                .containsExactly("addPrefixTest@anotherprovider", "addPrefixTest@myprovider");
        assertThat(names(get("/api/http/routers?sortBy=priority&direction=desc").json()).getFirst())
                .isEqualTo("test@myprovider");
    }

    @Test
    void paginatesWithTheNextPageHeader() {
        Fixture.Reply p1 = get("/api/http/routers?per_page=2");
        assertThat(names(p1.json())).containsExactly("bar@myprovider", "broken@file");
        assertThat(p1.headers().get("X-Next-Page")).isEqualTo("2");
        Fixture.Reply p2 = get("/api/http/routers?per_page=2&page=2");
        assertThat(names(p2.json())).containsExactly("test@myprovider");
        assertThat(p2.headers().get("X-Next-Page")).isEqualTo("1");
        Fixture.Reply past = get("/api/http/routers?per_page=2&page=3");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("message").asText()).isEqualTo("invalid request: page: 3, per_page: 2");
        assertThat(get("/api/http/routers?per_page=zero").status()).isEqualTo(400);
    }

    @Test
    void servicesCarryServerStatusAndUsedBy() {
        JsonNode list = get("/api/http/services").json();
        assertThat(list.get(0)).isEqualTo(Fixture.tree("""
                {"loadBalancer":{"passHostHeader":false,"servers":[{"url":"http://127.0.0.1"}]},
                 "name":"foo-service@myprovider","provider":"myprovider","serverStatus":{"http://127.0.0.1":"UP"},
                 "status":"enabled","type":"loadbalancer","usedBy":["bar@myprovider","test@myprovider"]}"""));
        JsonNode other = get("/api/http/services/other@file").json();
        assertThat(other.get("serverStatus").get("http://10.0.0.2").asText()).isEqualTo("DOWN");
        assertThat(other.get("error").get(0).asText()).isEqualTo("1 of 2 servers down");
    }

    @Test
    void middlewaresShowTheirKindKeyWithCredentialsHidden() {
        JsonNode auth = get("/api/http/middlewares/auth@myprovider").json();
        assertThat(auth).isEqualTo(Fixture.tree("""
                {"basicAuth":{"users":["REDACTED"],"realm":"r"},"name":"auth@myprovider","provider":"myprovider",
                 "status":"enabled","type":"basicauth","usedBy":["bar@myprovider","test@myprovider"]}"""));
        assertThat(get("/api/http/middlewares").json()).hasSize(3);
    }

    @Test
    void entryPointsAreSortedAndCarryTheirSettings() {
        Fixture.Reply r = get("/api/entrypoints");
        assertThat(names(r.json())).containsExactly("web", "websecure");
        assertThat(r.json().get(0).get("address").asText()).isEqualTo(":80");
        assertThat(r.json().get(0).get("transport").get("lifeCycle").get("requestAcceptGraceTimeout").asText())
                .isEqualTo("1500ms");
        assertThat(get("/api/entrypoints/websecure").json().get("address").asText()).isEqualTo(":443");
    }

    @Test
    void overviewCountsAndGatehouseFields() {
        model.lastError = new Diagnostic("dynamic.yaml", 12, 7, "http.routers.api.rule", "unknown matcher \"Hots\"");
        JsonNode o = get("/api/overview").json();
        assertThat(o.get("http").get("routers")).isEqualTo(Fixture.tree("{\"total\":3,\"warnings\":0,\"errors\":1}"));
        assertThat(o.get("http").get("services")).isEqualTo(Fixture.tree("{\"total\":2,\"warnings\":1,\"errors\":0}"));
        assertThat(o.get("http").get("middlewares").get("total").asInt()).isEqualTo(3);
        assertThat(o.get("tcp").get("routers").get("total").asInt()).isZero();
        assertThat(o.get("features")).isEqualTo(Fixture.tree(
                "{\"tracing\":\"\",\"metrics\":\"Prometheus\",\"accessLog\":true,\"hub\":false}"));
        assertThat(o.get("providers")).isEqualTo(Fixture.tree("[\"File\"]"));
        assertThat(o.get("revision").asText()).isEqualTo("sha256:0a1b2c");
        assertThat(o.get("appliedAt").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(o.get("lastError").get("text").asText())
                .isEqualTo("dynamic.yaml:12:7: http.routers.api.rule: unknown matcher \"Hots\"");
        assertThat(o.get("lastError").get("line").asInt()).isEqualTo(12);
    }

    @Test
    void rawDataKeysElementsByName() {
        JsonNode raw = get("/api/rawdata").json();
        assertThat(raw.get("routers").get("bar@myprovider").has("name")).isFalse();
        assertThat(raw.get("routers").get("bar@myprovider").get("rule").asText()).isEqualTo("Host(`foo.bar`)");
        assertThat(raw.get("services").get("other@file").get("serverStatus").size()).isEqualTo(2);
        assertThat(raw.get("middlewares").get("addPrefixTest@myprovider").get("addPrefix").get("prefix").asText())
                .isEqualTo("/titi");
        assertThat(raw.get("revision").asText()).isEqualTo("sha256:0a1b2c");
        assertThat(raw.toString()).doesNotContain("$apr1$");
    }

    @Test
    void versionAnswers() {
        JsonNode v = get("/api/version").json();
        assertThat(v.get("Version").asText()).isNotEmpty();
        assertThat(v.get("Codename").asText()).isEqualTo("gatehouse");
        assertThat(v.has("startDate")).isTrue();
    }

    @Test
    void pingFollowsShutdown() {
        Fixture.Reply ok = get("/ping");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("OK");
        model.shuttingDown = true;
        assertThat(get("/ping").status()).isEqualTo(503);
        AdminApi custom = AdminApi.create(model, new InstallConfig(Map.of(), null, null, new PingSpec(418), null,
                null, null), null, Runnable::run);
        assertThat(read(custom.handle(Fixture.ctx(null), request(HttpMethod.GET, "/ping"))).status()).isEqualTo(418);
        assertThat(read(custom.handle(Fixture.ctx(null), request(HttpMethod.GET, "/api/overview"))).status())
                .as("no api section, no API").isEqualTo(404);
        assertThat(read(custom.handle(Fixture.ctx(null), request(HttpMethod.GET, "/metrics"))).status())
                .as("no metrics section, no metrics").isEqualTo(404);
    }

    @Test
    void onlyGetAndHeadAreServed() {
        Fixture.Reply post = read(api.handle(Fixture.ctx(null), request(HttpMethod.POST, "/api/overview")));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().get("Allow")).isEqualTo("GET, HEAD");
        assertThat(read(api.handle(Fixture.ctx(null), request(HttpMethod.DELETE, "/ping"))).status()).isEqualTo(405);
        Fixture.Reply head = read(api.handle(Fixture.ctx(null), request(HttpMethod.HEAD, "/api/overview")));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().getInt("Content-Length")).isPositive();
    }

    @Test
    void metricsAreScrapedOffTheEventLoopAndCompletedOnIt() throws Exception {
        RequestContext seen = new RequestContext(null, null, new InetSocketAddress("127.0.0.1", 5000), "web", false);
        seen.router("bar@myprovider");
        seen.service("foo-service@myprovider");
        metrics.exchangeCompleted(new ExchangeSummary(seen, "GET", "foo.bar", "/", "HTTP/1.1",
                new DefaultHttpHeaders(), 200, 0, 2, 1_000_000, false));
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            AdminApi offLoop = AdminApi.create(model, INSTALL, metrics);
            CompletableFuture<HttpResponse> done = new CompletableFuture<>();
            CompletableFuture<Boolean> completedOnLoop = new CompletableFuture<>();
            loop.execute(() -> offLoop.handle(Fixture.ctx(loop), request(HttpMethod.GET, "/metrics"))
                    .onReady(r -> {
                        completedOnLoop.complete(loop.inEventLoop());
                        done.complete(r);
                    }));
            Fixture.Reply r = read(done.get(10, TimeUnit.SECONDS));
            assertThat(completedOnLoop.get()).isTrue();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().get("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.body()).contains("# TYPE gatehouse_router_requests_total counter")
                    .contains("gatehouse_router_requests_total{code=\"200\",method=\"GET\",protocol=\"http\","
                            + "router=\"bar@myprovider\",service=\"foo-service@myprovider\"} 1");
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
