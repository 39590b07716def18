package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: the httpCache middleware in a real gateway in front of a real origin that counts requests. */
class HttpCacheIT {
    @TempDir
    static Path dir;
    @TempDir
    static Path dir2;
    static HttpServer origin;
    static RedisServer redis;
    static Gateway gateway;
    static Gateway second;
    static String base;
    static String secondBase;
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final CopyOnWriteArrayList<String> conditionals = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", HttpCacheIT::answer);
        origin.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        origin.start();
        redis = RedisServer.start();
        String routes = """
                http:
                  routers:
                    cached:
                      rule: "PathPrefix(`/`)"
                      middlewares: [cache]
                      service: origin
                    shared:
                      rule: "PathPrefix(`/shared`)"
                      middlewares: [shared-cache]
                      service: origin
                  middlewares:
                    cache:
                      httpCache:
                        maxSize: 10000000
                        maxEntrySize: 100000
                    shared-cache:
                      httpCache:
                        redis:
                          endpoints: ["%s"]
                  services:
                    origin:
                      loadBalancer:
                        servers: [{url: "http://127.0.0.1:%d"}]
                """.formatted(redis.endpoint(), origin.getAddress().getPort());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        assertThat(gateway.lastErrors()).isEmpty();
        base = "http://127.0.0.1:" + gateway.port("web");
        second = TestGateway.start(dir2, TestGateway.install(), routes);
        assertThat(second.lastErrors()).isEmpty();
        secondBase = "http://127.0.0.1:" + second.port("web");
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, second, redis);
        if (origin != null) {
            origin.stop(0);
            ((java.util.concurrent.ExecutorService) origin.getExecutor()).shutdownNow();
        }
    }

    /** The origin: what each path answers is what the test about it needs. */
    private static void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        int n = hits.computeIfAbsent(ex.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        var h = ex.getResponseHeaders();
        String body = path + " #" + n;
        int status = 200;
        switch (path) {
            case "/fresh", "/aged", "/invalidated", "/shared/page", "/shared/probe" -> h.set("Cache-Control", "max-age=600");
            case "/etag" -> {
                h.set("Cache-Control", "max-age=1");
                h.set("ETag", "\"v1\"");
                h.set("X-Origin-Count", Integer.toString(n));
                String inm = ex.getRequestHeaders().getFirst("If-None-Match");
                if (inm != null) {
                    conditionals.add(inm);
                    status = 304;
                }
            }
            case "/vary" -> {
                h.set("Cache-Control", "max-age=600");
                h.set("Vary", "Accept-Language");
                body = "lang=" + ex.getRequestHeaders().getFirst("Accept-Language");
            }
            case "/private-by-auth" -> h.set("Cache-Control", "max-age=600");
            case "/slow" -> {
                h.set("Cache-Control", "max-age=600");
                pause(Duration.ofMillis(500)); // a slow origin, so that the misses overlap
            }
            case "/public-by-auth" -> h.set("Cache-Control", "public, max-age=600");
            default -> h.set("Cache-Control", "no-store");
        }
        if ("POST".equals(ex.getRequestMethod())) {
            h.set("Cache-Control", "no-store");
            h.set("Location", "/invalidated");
            status = 201;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (status == 304 || "HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int originCount(String methodAndPath) {
        AtomicInteger c = hits.get(methodAndPath);
        return c == null ? 0 : c.get();
    }

    @Test
    void hitsDoNotReachTheBackend() {
        HttpResponse<String> first = Http.get(base + "/fresh");
        HttpResponse<String> second = Http.get(base + "/fresh");
        assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(second.body()).isEqualTo(first.body()).isEqualTo("/fresh #1");
        Http.Curl curl = Http.curl("-si", base + "/fresh");
        assertThat(curl.exit()).isZero();
        assertThat(curl.out()).containsIgnoringCase("X-Cache-Status: HIT").contains("/fresh #1");
        Http.Curl head = Http.curl("-sI", base + "/fresh");
        assertThat(head.out()).containsIgnoringCase("X-Cache-Status: HIT").containsIgnoringCase("Content-Length: 9");
        assertThat(originCount("GET /fresh")).isEqualTo(1);
        assertThat(originCount("HEAD /fresh")).isZero();
    }

    @Test
    void concurrentMissesReachTheBackendOnce() throws Exception {
        HttpClient client = Http.client();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // A client per request: separate connections, spread over the gateway's event loops.
            HttpClient own = i == 0 ? client : Http.client();
            inFlight.add(own.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/slow"))
                    .timeout(Http.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> r = f.get(15, TimeUnit.SECONDS);
            assertThat(r.body()).isEqualTo("/slow #1");
            statuses.add(r.headers().firstValue("X-Cache-Status").orElse(""));
        }
        assertThat(originCount("GET /slow")).isEqualTo(1);
        assertThat(statuses).containsOnlyOnce("MISS").containsOnly("MISS", "HIT");
    }

    @Test
    void ageGrowsOnHits() {
        assertThat(Http.get(base + "/aged").headers().firstValue("Age")).isEmpty();
        assertThat(Http.get(base + "/aged").headers().firstValue("Age")).hasValueSatisfying(
                a -> assertThat(Integer.parseInt(a)).isLessThan(2));
        Eventually.await(Duration.ofSeconds(5), "Age of at least 2 s",
                () -> Integer.parseInt(Http.get(base + "/aged").headers().firstValue("Age").orElse("0")) >= 2);
        assertThat(originCount("GET /aged")).isEqualTo(1);
    }

    @Test
    void revalidationSendsConditionalRequestAnd304Refreshes() {
        HttpResponse<String> first = Http.get(base + "/etag");
        assertThat(first.body()).isEqualTo("/etag #1");
        Eventually.await(Duration.ofSeconds(5), "a revalidated response", () -> "REVALIDATED".equals(
                Http.get(base + "/etag").headers().firstValue("X-Cache-Status").orElse("")));
        assertThat(conditionals).isNotEmpty().allMatch("\"v1\""::equals);
        HttpResponse<String> after = Http.get(base + "/etag");
        assertThat(after.body()).isEqualTo("/etag #1");
        // The 304's fields replaced the stored ones: the origin counted at least two requests.
        assertThat(Integer.parseInt(after.headers().firstValue("X-Origin-Count").orElseThrow())).isGreaterThan(1);
        Http.Curl curl = Http.curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "If-None-Match: \"v1\"",
                base + "/etag");
        assertThat(curl.out()).isEqualTo("304");
    }

    @Test
    void varySeparatesEntries() {
        assertThat(Http.get(base + "/vary", "Accept-Language", "en").body()).isEqualTo("lang=en");
        assertThat(Http.get(base + "/vary", "Accept-Language", "de").body()).isEqualTo("lang=de");
        HttpResponse<String> en = Http.get(base + "/vary", "Accept-Language", "en");
        HttpResponse<String> de = Http.get(base + "/vary", "Accept-Language", "de");
        assertThat(en.body()).isEqualTo("lang=en");
        assertThat(de.body()).isEqualTo("lang=de");
        assertThat(en.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(originCount("GET /vary")).isEqualTo(2);
    }

    @Test
    void authenticatedRequestsAreNotSharedUnlessPublic() {
        Http.get(base + "/private-by-auth", "Authorization", "Bearer alice");
        HttpResponse<String> bob = Http.get(base + "/private-by-auth", "Authorization", "Bearer bob");
        assertThat(bob.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(bob.body()).isEqualTo("/private-by-auth #2");
        Http.get(base + "/public-by-auth", "Authorization", "Bearer alice");
        HttpResponse<String> shared = Http.get(base + "/public-by-auth", "Authorization", "Bearer bob");
        assertThat(shared.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(originCount("GET /public-by-auth")).isEqualTo(1);
    }

    @Test
    void postInvalidatesTargetAndLocation() {
        Http.get(base + "/invalidated");
        assertThat(Http.get(base + "/invalidated").headers().firstValue("X-Cache-Status")).hasValue("HIT");
        Http.Curl post = Http.curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-d", "x=1",
                base + "/form");
        assertThat(post.out()).isEqualTo("201");
        HttpResponse<String> after = Http.get(base + "/invalidated");
        assertThat(after.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(after.body()).isEqualTo("/invalidated #2");
    }

    private static Http.Curl shared(String gatewayBase, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "-s";
        all[1] = "-D";
        all[2] = "-";
        all[3] = "-H";
        all[4] = "Host: shared.test";
        System.arraycopy(args, 0, all, 5, args.length);
        all[all.length - 1] = gatewayBase + all[all.length - 1];
        return Http.curl(all);
    }

    private static String redisExists() {
        return redis.command("EXISTS \"gatehouse:httpcache:GET http://shared.test/shared/page\"");
    }

    @Test
    void twoGatewaysShareResponsesAndInvalidationsThroughRedis() {
        // The Redis connection comes up in the background; until then every lookup is a miss.
        Eventually.await(Duration.ofSeconds(10), "responses stored in redis", () -> {
            Http.get(base + "/shared/probe");
            return "HIT".equals(Http.get(base + "/shared/probe").headers().firstValue("X-Cache-Status").orElse(""));
        });
        assertThat(shared(base, "/shared/page").out()).containsIgnoringCase("X-Cache-Status: MISS");
        Eventually.await(Duration.ofSeconds(5), "the page in redis", () -> ":1".equals(redisExists()));
        Http.Curl fromSecond = shared(secondBase, "/shared/page");
        assertThat(fromSecond.out()).containsIgnoringCase("X-Cache-Status: HIT").contains("/shared/page #1");
        assertThat(originCount("GET /shared/page")).isEqualTo(1);
        assertThat(shared(secondBase, "-X", "POST", "-d", "x=1", "/shared/page").out()).startsWith("HTTP/1.1 201");
        Eventually.await(Duration.ofSeconds(5), "the page gone from redis", () -> ":0".equals(redisExists()));
        Http.Curl again = shared(base, "/shared/page");
        assertThat(again.out()).containsIgnoringCase("X-Cache-Status: MISS").contains("/shared/page #2");
    }
}
