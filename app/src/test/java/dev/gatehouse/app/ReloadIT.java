package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.Eventually;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: live reload of the routing file, its failure modes, and reloads that do not disturb traffic. */
class ReloadIT {
    private static final String FAILURES = "gatehouse_config_reloads_total{result=\"failure\"}";
    static Backends backends;
    static Backends.Backend whoami;

    @BeforeAll
    static void backends() {
        backends = new Backends();
        whoami = backends.whoami("w");
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    private static String routes(String extraRouters, String extraMiddlewares) {
        return """
                http:
                  routers:
                    base:
                      rule: "PathPrefix(`/base`)"
                      service: w
                %s
                  middlewares:
                    noop:
                      headers:
                        customResponseHeaders:
                          X-Noop: "1"
                %s
                  services:
                    w:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """.formatted(extraRouters, extraMiddlewares, whoami.url());
    }

    private static int status(Gateway g, String path) {
        return Http.get("http://127.0.0.1:" + g.port("web") + path).statusCode();
    }

    @Test
    void aChangedRoutingFileIsServedWithinThrottlePlusOneSecond(@TempDir Path dir) throws Exception {
        try (Gateway g = TestGateway.start(dir, TestGateway.install(true, "1s", ""), routes("", ""))) {
            assertThat(status(g, "/base")).isEqualTo(200);
            assertThat(status(g, "/fresh")).isEqualTo(404);
            long t0 = System.nanoTime();
            TestGateway.writeAtomically(dir.resolve(TestGateway.ROUTES), routes("""
                        fresh:
                          rule: "PathPrefix(`/fresh`)"
                          service: w
                    """, ""));
            Eventually.await(Duration.ofSeconds(5), "the new route", () -> status(g, "/fresh") == 200);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("reload: new route served " + ms + " ms after the write (throttle 1s)");
            assertThat(ms).as("ms from write to the new route serving (throttle 1s)").isLessThanOrEqualTo(2000);
            assertThat(status(g, "/base")).isEqualTo(200);
        }
    }

    @Test
    void anUnparseableFileLeavesTheLastGoodConfigServingAndIsReported(@TempDir Path dir) throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Gateway.class.getName());
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try (Gateway g = TestGateway.start(dir, TestGateway.install(true, "100ms", ""), routes("", ""))) {
            log.addHandler(capture); // after the start, which sets up logging afresh
            double failuresBefore = Http.sample(Http.metrics(g), FAILURES);
            TestGateway.writeAtomically(dir.resolve(TestGateway.ROUTES), """
                    http:
                      routers:
                        base:
                          rule: "PathPrefix(`/base`)"
                          service: [w
                    """);
            Eventually.await(Duration.ofSeconds(5), "lastError in /api/overview",
                    () -> Http.admin(g, "/api/overview").has("lastError"));
            JsonNode err = Http.admin(g, "/api/overview").get("lastError");
            assertThat(err.get("text").asText()).matches("routes\\.yaml:\\d+:\\d+: .+");
            assertThat(err.get("file").asText()).isEqualTo("routes.yaml");
            assertThat(err.get("line").asInt()).isPositive();
            assertThat(err.get("column").asInt()).isPositive();
            assertThat(Http.admin(g, "/api/rawdata").get("lastError").get("text").asText())
                    .isEqualTo(err.get("text").asText());
            assertThat(logged).as("the error is logged with its place")
                    .contains("SEVERE config not applied, the last good config keeps serving: " + err.get("text").asText());
            assertThat(status(g, "/base")).as("the last good config keeps serving").isEqualTo(200);
            assertThat(Http.sample(Http.metrics(g), FAILURES)).isGreaterThanOrEqualTo(failuresBefore + 1);

            TestGateway.writeAtomically(dir.resolve(TestGateway.ROUTES), routes("""
                        fixed:
                          rule: "PathPrefix(`/fixed`)"
                          service: w
                    """, ""));
            Eventually.await(Duration.ofSeconds(5), "the fixed file applied", () -> status(g, "/fixed") == 200);
            assertThat(Http.admin(g, "/api/overview").has("lastError")).as("error cleared").isFalse();
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void oneInvalidRouterIsDisabledWhileTheValidOneServes(@TempDir Path dir) throws Exception {
        try (Gateway g = TestGateway.start(dir, TestGateway.install(true, "100ms", ""), routes("", ""))) {
            TestGateway.writeAtomically(dir.resolve(TestGateway.ROUTES), routes("""
                        broken:
                          rule: "Hots(`x.test`)"
                          service: w
                        good:
                          rule: "PathPrefix(`/good`)"
                          service: w
                    """, ""));
            Eventually.await(Duration.ofSeconds(5), "the good router", () -> status(g, "/good") == 200);
            JsonNode broken = Http.admin(g, "/api/http/routers/broken@file");
            assertThat(broken.get("status").asText()).isEqualTo("disabled");
            assertThat(broken.get("error").toString()).contains("unknown matcher \\\"Hots\\\"");
            assertThat(Http.admin(g, "/api/http/routers/good@file").get("status").asText()).isEqualTo("enabled");
            assertThat(Http.admin(g, "/api/overview").has("lastError")).isFalse();
            assertThat(status(g, "/base")).isEqualTo(200);
        }
    }

    @Test
    void twentyReloadsUnderLoadFailNoRequestAndKeepUpstreamConnectionsWarm(@TempDir Path dir) throws Exception {
        // A short throttle keeps twenty reloads quick; the throttle itself is measured above.
        try (Gateway g = TestGateway.start(dir, TestGateway.install(true, "200ms", ""), loadRoutes(0))) {
            String url = "http://127.0.0.1:" + g.port("web") + "/load";
            assertThat(Http.get(url).headers().firstValue("X-Gen")).hasValue("0");
            int acceptsBefore = whoami.accepts.get();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                clients.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                    HttpClient client = Http.client();
                    while (!stop.get() && System.nanoTime() < deadline) {
                        try {
                            HttpResponse<String> r = Http.send(client, url);
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failures.add("status " + r.statusCode() + ": " + r.body());
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString() + " / " + e.getCause());
                        }
                    }
                    client.close();
                }));
            }
            try {
                for (int gen = 1; gen <= 20; gen++) {
                    TestGateway.writeAtomically(dir.resolve(TestGateway.ROUTES), loadRoutes(gen));
                    String want = Integer.toString(gen);
                    Eventually.await(Duration.ofSeconds(5), "reload " + gen + " applied",
                            () -> Optional.of(want).equals(Http.get(url).headers().firstValue("X-Gen")));
                }
            } finally {
                stop.set(true);
                for (Thread t : clients) {
                    t.join(Duration.ofSeconds(15));
                }
            }
            int requests = ok.get() + failures.size();
            int accepts = whoami.accepts.get() - acceptsBefore;
            System.out.println("reload under load: " + ok.get() + " requests OK, " + failures.size() + " failed, "
                    + accepts + " upstream TCP accepts, 20 reloads");
            assertThat(failures).as("failed requests out of %d", requests).isEmpty();
            assertThat(ok.get()).as("requests served during 20 reloads").isGreaterThan(200);
            assertThat(accepts).as("upstream TCP accepts for %d requests", requests)
                    .isLessThan(20).isLessThan(requests / 20);
        }
    }

    private static String loadRoutes(int gen) {
        return routes("""
                    load:
                      rule: "PathPrefix(`/load`)"
                      middlewares: [gen]
                      service: w
                    limited:
                      rule: "PathPrefix(`/limited`)"
                      middlewares: [limit]
                      service: w
                """, """
                    gen:
                      headers:
                        customResponseHeaders:
                          X-Gen: "%d"
                    limit:
                      rateLimit:
                        average: 1
                        period: 1m
                        burst: 2
                """.formatted(gen));
    }

    @Test
    void rateLimitCountersSurviveAReloadThatChangedAnotherRouter(@TempDir Path dir) throws Exception {
        try (Gateway g = TestGateway.start(dir, TestGateway.install(true, "100ms", ""), loadRoutes(0))) {
            String limited = "http://127.0.0.1:" + g.port("web") + "/limited";
            assertThat(Http.get(limited).statusCode()).isEqualTo(200);
            assertThat(Http.get(limited).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = Http.get(limited);
            assertThat(refused.statusCode()).as("burst of 2 exhausted").isEqualTo(429);
            String before = Http.admin(g, "/api/overview").get("revision").asText();

            TestGateway.writeAtomically(dir.resolve(TestGateway.ROUTES), loadRoutes(1));
            String load = "http://127.0.0.1:" + g.port("web") + "/load";
            Eventually.await(Duration.ofSeconds(5), "the other router changed",
                    () -> Optional.of("1").equals(Http.get(load).headers().firstValue("X-Gen")));
            assertThat(Http.admin(g, "/api/overview").get("revision").asText()).isNotEqualTo(before);

            assertThat(Http.get(limited).statusCode()).as("still limited right after the reload").isEqualTo(429);
        }
    }
}
