package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rateLimit.redis over TLS with a password, against a real redis-server listening on TLS only, verified with the
 * configured CA; the password never reaches a log line.
 */
class RedisTlsIT {
    private static final String PASSWORD = "tls-redis-s3cret-pw";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final List<Logger> WATCHED = List.of(Logger.getLogger("dev.gatehouse"),
            Logger.getLogger("io.lettuce"), Logger.getLogger("io.netty"));

    private Process redis;
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            logLines.add(format.format(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() throws InterruptedException {
        WATCHED.forEach(l -> l.removeHandler(capture));
        if (redis != null) {
            redis.destroyForcibly();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private int startTlsRedis(Path dir, TestCertificates.Pem pem) throws IOException {
        int port = FreePort.next();
        redis = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--tls-cert-file", pem.certFile().toString(),
                "--tls-key-file", pem.keyFile().toString(), "--tls-ca-cert-file", pem.certFile().toString(),
                "--tls-auth-clients", "no", "--requirepass", PASSWORD, "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Eventually.await(WAIT, "redis-server listens with TLS", () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return port;
    }

    @Test
    void sharedLimitOverTlsWithAPassword(@TempDir Path dir) throws Exception {
        // The gateway replaces the root logger's handlers when it starts; these loggers keep theirs.
        WATCHED.forEach(l -> l.addHandler(capture));
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "localhost");
        int port = startTlsRedis(dir, pem);
        String routes = """
                http:
                  routers:
                    rl:
                      rule: "PathPrefix(`/`)"
                      service: app
                      middlewares: [rl]
                  middlewares:
                    rl:
                      rateLimit:
                        average: 1
                        period: 1m
                        burst: 2
                        sourceCriterion:
                          requestHeaderName: X-Client
                        redis:
                          endpoints: ["localhost:%d"]
                          password: "%s"
                          dialTimeout: 2s
                          tls:
                            ca: "%s"
                  services:
                    app:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """;
        try (Backends backends = new Backends()) {
            String config = routes.formatted(port, PASSWORD, pem.certFile(), backends.whoami("app").url());
            try (Gateway one = TestGateway.start(Files.createDirectory(dir.resolve("one")), install(), config);
                 Gateway two = TestGateway.start(Files.createDirectory(dir.resolve("two")), install(),
                         config)) {
                assertThat(one.lastErrors()).isEmpty();
                int[] n = {0};
                Eventually.await(WAIT, "both gateways count on the TLS redis", () -> {
                    String source = "s" + n[0]++;
                    HttpResponse<String> a = get(one, source);
                    HttpResponse<String> b = get(two, source);
                    return "1".equals(a.headers().firstValue("RateLimit-Remaining").orElse(null))
                            && "0".equals(b.headers().firstValue("RateLimit-Remaining").orElse(null));
                });
                assertThat(get(one, "final").statusCode()).isEqualTo(200);
                assertThat(get(two, "final").statusCode()).isEqualTo(200);
                assertThat(get(one, "final").statusCode()).as("shared burst of 2 used up").isEqualTo(429);
            }
        }
        assertThat(logLines).as("the gateway logged its redis connection").anyMatch(l -> l.contains("connected"))
                .noneMatch(l -> l.contains(PASSWORD));
    }

    /** The usual test install, logging at DEBUG so that every line the gateway writes is checked. */
    private static String install() {
        return TestGateway.install().replace("level: ERROR", "level: DEBUG");
    }

    private static HttpResponse<String> get(Gateway g, String source) {
        return Http.get("http://127.0.0.1:" + g.port("web") + "/", "X-Client", source);
    }
}
