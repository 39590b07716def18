package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.RedisInfo;
import dev.gatehouse.testing.RedisMonitor;
import dev.gatehouse.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis-backed rateLimit and quota through two real gateways sharing one real redis-server: the limit is
 * shared, Redis can die and come back, and each request costs one round trip.
 */
class RedisRateLimitIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisServer redis;
    private Backends backends;
    private Gateway one;
    private Gateway two;
    private final AtomicInteger warmups = new AtomicInteger();

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        redis = RedisServer.start();
        backends = new Backends();
        String routes = routes(backends.whoami("app").url(), redis.endpoint());
        one = TestGateway.start(Files.createDirectory(dir.resolve("one")), TestGateway.install(), routes);
        two = TestGateway.start(Files.createDirectory(dir.resolve("two")), TestGateway.install(), routes);
        assertThat(one.lastErrors()).isEmpty();
        awaitShared("/rl");
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {one, two, backends, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String routes(String backend, String redisEndpoint) throws Exception {
        String redis = """
                        redis:
                          endpoints: ["%s"]
                          readTimeout: 300ms
                          writeTimeout: 300ms
                          dialTimeout: 1s
                """.formatted(redisEndpoint);
        return """
                http:
                  routers:
                    rl:
                      rule: "PathPrefix(`/rl`)"
                      service: app
                      middlewares: [rl]
                    closed:
                      rule: "PathPrefix(`/closed`)"
                      service: app
                      middlewares: [rlClosed]
                    quota:
                      rule: "PathPrefix(`/quota`)"
                      service: app
                      middlewares: [q]
                    tenant:
                      rule: "PathPrefix(`/tenant`)"
                      service: app
                      middlewares: [perTenant]
                    me:
                      rule: "PathPrefix(`/me`)"
                      service: app
                      middlewares: [auth, perConsumer]
                  middlewares:
                    rl:
                      rateLimit:
                        average: 1
                        period: 1m
                        burst: 3
                        sourceCriterion:
                          requestHeaderName: X-Client
                %1$s
                    rlClosed:
                      rateLimit:
                        average: 100
                        burst: 100
                        failureMode: closed
                        sourceCriterion:
                          requestHeaderName: X-Client
                %1$s
                    q:
                      quota:
                        limit: 2
                        period: day
                        sourceCriterion:
                          requestHeaderName: X-Client
                %1$s
                    auth:
                      basicAuth:
                        users: ["alice:%3$s", "bob:%4$s"]
                    perConsumer:
                      rateLimit:
                        average: 1
                        period: 1m
                        burst: 1
                        sourceCriterion:
                          consumer: true
                %1$s
                    perTenant:
                      rateLimit:
                        average: 1
                        period: 1m
                        burst: 1
                        sourceCriterion:
                          expression: "request.headers['x-tenant']"
                %1$s
                  services:
                    app:
                      loadBalancer:
                        servers: [{url: "%2$s"}]
                """.formatted(redis, backend, sha("alice-pw"), sha("bob-pw"));
    }

    private static String sha(String password) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        return "{SHA}" + Base64.getEncoder().encodeToString(d);
    }

    private static HttpResponse<String> get(Gateway g, String path, String... headers) {
        return Http.get("http://127.0.0.1:" + g.port("web") + path, headers);
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** Waits until both gateways count on Redis: a fresh source seen by one shows on the other. */
    private void awaitShared(String path) {
        Eventually.await(WAIT, "both gateways count on redis", () -> {
            String source = "warmup-" + warmups.incrementAndGet();
            HttpResponse<String> a = get(one, path, "X-Client", source);
            HttpResponse<String> b = get(two, path, "X-Client", source);
            return a.statusCode() == 200 && "2".equals(header(a, "RateLimit-Remaining"))
                    && b.statusCode() == 200 && "1".equals(header(b, "RateLimit-Remaining"));
        });
    }

    @Test
    void eachGatewayReachesRedisFromEveryWorkerLoop() {
        // One connection per worker loop (RedisEventLoops). Lettuce registers them on the gateway's loops only
        // when it picks the loops' transport (io_uring or epoll), so this also shows the two agree.
        long loops = Gateway.workerThreads(System.getProperty(Gateway.WORKER_THREADS),
                Runtime.getRuntime().availableProcessors());
        Eventually.await(WAIT, "a connection per loop of each gateway",
                () -> RedisInfo.field(redis.port(), "clients", "connected_clients") - 1 == 2 * loops);
    }

    @Test
    void twoGatewaysShareOneLimit() {
        HttpResponse<String> first = get(one, "/rl", "X-Client", "c1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("3");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("2");
        assertThat(header(first, "RateLimit-Reset")).isEqualTo("60");
        assertThat(header(get(two, "/rl", "X-Client", "c1"), "RateLimit-Remaining")).isEqualTo("1");
        assertThat(header(get(one, "/rl", "X-Client", "c1"), "RateLimit-Remaining")).isEqualTo("0");
        HttpResponse<String> refused = get(two, "/rl", "X-Client", "c1");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("Too Many Requests");
        assertThat(header(refused, "Retry-After")).isEqualTo("60");
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(get(two, "/rl", "X-Client", "c2").statusCode()).as("another source").isEqualTo(200);
    }

    @Test
    void oneRedisRoundTripPerRequest() {
        int n = 24;
        try (RedisMonitor monitor = RedisMonitor.start(redis.port())) {
            for (int i = 0; i < n; i++) {
                Gateway g = i % 2 == 0 ? one : two;
                get(g, "/rl", "X-Client", "rt-" + (i % 5));
            }
            monitor.awaitClientCommands(n, WAIT);
            assertThat(monitor.clientCommands()).as("allowed and refused alike: one EVALSHA each")
                    .hasSize(n).allMatch("evalsha"::equals);
        }
    }

    @Test
    void redisDownFailsOpenToTheLocalLimitThenSharesAgain() {
        redis.stop();
        for (int i = 0; i < 3; i++) {
            assertThat(get(one, "/rl", "X-Client", "down").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get(one, "/rl", "X-Client", "down");
        assertThat(refused.statusCode()).as("the same limit, counted in-process").isEqualTo(429);
        assertThat(header(refused, "RateLimit-Limit")).isEqualTo("3");
        assertThat(get(two, "/rl", "X-Client", "down").statusCode())
                .as("while Redis is down each gateway counts alone").isEqualTo(200);
        assertThat(Http.metrics(one)).as("fallback decisions are counted on /metrics")
                .containsPattern("gatehouse_ratelimit_store_fallback_total\\{middleware=\"[^\"]+\"\\} 4");

        redis.restart();
        awaitShared("/rl");
        HttpResponse<String> back = get(one, "/rl", "X-Client", "down");
        assertThat(back.statusCode()).as("Redis never saw this source").isEqualTo(200);
        assertThat(header(get(two, "/rl", "X-Client", "down"), "RateLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void redisDownFailsClosedWith503() {
        Eventually.await(WAIT, "closed limit on redis", () -> get(one, "/closed", "X-Client", "x").statusCode() == 200);
        redis.stop();
        assertThat(get(one, "/closed", "X-Client", "x").statusCode()).isEqualTo(503);
        assertThat(get(two, "/closed", "X-Client", "y").statusCode()).isEqualTo(503);
        assertThat(get(one, "/rl", "X-Client", "open").statusCode()).as("open middlewares still serve").isEqualTo(200);
        redis.restart();
        Eventually.await(WAIT, "served again", () -> get(one, "/closed", "X-Client", "x").statusCode() == 200);
    }

    @Test
    void quotaWindowIsSharedAndReportsTheCalendarReset() {
        Eventually.await(WAIT, "quota on redis", () -> {
            String source = "qwarm-" + warmups.incrementAndGet();
            return get(one, "/quota", "X-Client", source).statusCode() == 200
                    && "0".equals(header(get(two, "/quota", "X-Client", source), "RateLimit-Remaining"));
        });
        HttpResponse<String> first = get(one, "/quota", "X-Client", "q1");
        long toMidnight = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toEpochSecond() - Instant.now().getEpochSecond();
        assertThat(header(first, "RateLimit-Limit")).isEqualTo("2");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("1");
        assertThat(Long.parseLong(header(first, "RateLimit-Reset"))).isBetween(toMidnight - 2, toMidnight + 1);
        assertThat(header(get(two, "/quota", "X-Client", "q1"), "RateLimit-Remaining")).isEqualTo("0");
        HttpResponse<String> refused = get(one, "/quota", "X-Client", "q1");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "Retry-After")).isEqualTo(header(refused, "RateLimit-Reset"));
    }

    @Test
    void consumersAreLimitedByIdAcrossGateways() {
        String alice = "Basic " + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
        String bob = "Basic " + Base64.getEncoder().encodeToString("bob:bob-pw".getBytes(StandardCharsets.UTF_8));
        Eventually.await(WAIT, "alice limited on redis", () -> {
            get(one, "/me", "Authorization", alice);
            return get(two, "/me", "Authorization", alice).statusCode() == 429;
        });
        assertThat(get(one, "/me", "Authorization", alice).statusCode()).isEqualTo(429);
        assertThat(get(two, "/me", "Authorization", bob).statusCode()).as("bob has his own bucket").isEqualTo(200);
        assertThat(get(one, "/me", "Authorization", bob).statusCode()).isEqualTo(429);
        assertThat(get(one, "/me").statusCode()).as("no credentials: basicAuth refuses first").isEqualTo(401);
    }

    @Test
    void celExpressionKeysAcrossGateways() {
        Eventually.await(WAIT, "tenant limited on redis", () -> {
            String tenant = "warm-" + warmups.incrementAndGet();
            get(one, "/tenant", "X-Tenant", tenant);
            return get(two, "/tenant", "X-Tenant", tenant).statusCode() == 429;
        });
        assertThat(get(one, "/tenant", "X-Tenant", "acme", "X-Client", "a").statusCode()).isEqualTo(200);
        assertThat(get(two, "/tenant", "X-Tenant", "acme", "X-Client", "b").statusCode())
                .as("same tenant, other client, other gateway").isEqualTo(429);
        assertThat(get(two, "/tenant", "X-Tenant", "globex").statusCode()).isEqualTo(200);
    }
}
