package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: round robin, weights, active health checks, 502 for a dead upstream, 504 for a silent one. */
class LoadBalancingIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend one;
    static Backends.Backend two;
    static Backends.Backend three;
    static Backends.Backend four;
    static Backends.Backend doomed;
    static ServerSocket silent;
    static final List<Socket> held = new ArrayList<>();
    static Thread acceptor;
    static Gateway gateway;
    static int port;
    static int deadPort;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        one = backends.whoami("one");
        two = backends.whoami("two");
        three = backends.whoami("three");
        four = backends.whoami("four");
        doomed = backends.whoami("doomed");
        deadPort = FreePort.next();
        // accepts connections and reads nothing, answers nothing
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("silent-backend").start(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket s = silent.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        String routes = """
                http:
                  routers:
                    rr:
                      rule: "PathPrefix(`/rr`)"
                      service: rr
                    weighted:
                      rule: "PathPrefix(`/weighted`)"
                      service: weighted
                    health:
                      rule: "PathPrefix(`/health-checked`)"
                      service: health
                    dead:
                      rule: "PathPrefix(`/dead`)"
                      service: dead
                    slow:
                      rule: "PathPrefix(`/silent`)"
                      service: silent
                  services:
                    rr:
                      loadBalancer:
                        servers: [{url: "%s"}, {url: "%s"}]
                    weighted:
                      loadBalancer:
                        servers:
                          - url: "%s"
                            weight: 3
                          - url: "%s"
                            weight: 1
                    health:
                      loadBalancer:
                        servers: [{url: "%s"}, {url: "%s"}]
                        healthCheck:
                          path: /health
                          interval: 200ms
                          timeout: 500ms
                    dead:
                      loadBalancer:
                        servers: [{url: "http://127.0.0.1:%d"}]
                    silent:
                      loadBalancer:
                        serversTransport: impatient
                        servers: [{url: "http://127.0.0.1:%d"}]
                  serversTransports:
                    impatient:
                      forwardingTimeouts:
                        responseHeaderTimeout: 500ms
                """.formatted(one.url(), two.url(), three.url(), four.url(), one.url(), doomed.url(), deadPort,
                silent.getLocalPort());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        TestGateway.closeAll(gateway, backends, silent);
        synchronized (held) {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static String instance(String path) {
        HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return Http.json(r.body()).get("instance").asText();
    }

    @Test
    void twoInstancesAlternate() {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seen.add(instance("/rr/" + i));
        }
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("request %d in %s", i, seen).isNotEqualTo(seen.get(i - 1));
        }
        assertThat(seen).containsOnly("one", "two");
    }

    @Test
    void weightsSplitThreeToOne() {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            counts.merge(instance("/weighted/" + i), 1, Integer::sum);
        }
        assertThat(counts).isEqualTo(Map.of("three", 30, "four", 10));
    }

    @Test
    void aServerThatDiesIsTakenOutByTheHealthCheckAndTheOtherKeepsServing() {
        Eventually.await(Duration.ofSeconds(5), "health probes on both servers",
                () -> one.healthChecks.get() >= 2 && doomed.healthChecks.get() >= 2);
        Set<String> both = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            both.add(instance("/health-checked/before-" + i));
        }
        assertThat(both).containsExactlyInAnyOrder("one", "doomed");

        doomed.stop();
        assertThat(canConnect(doomed.port())).as("the stopped backend refuses connections").isFalse();
        // Until a probe notices, some requests may still go to the dead server; then none may.
        Eventually.await(Duration.ofSeconds(5), "the dead server taken out of rotation", () -> {
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/health-checked/probe-" + i);
                if (r.statusCode() != 200) {
                    return false;
                }
            }
            return true;
        });
        for (int i = 0; i < 20; i++) {
            assertThat(instance("/health-checked/after-" + i)).isEqualTo("one");
        }
    }

    @Test
    void theAdminApiShowsADeadServerDown(@TempDir Path own) throws Exception {
        try (Backends mine = new Backends()) {
            Backends.Backend up = mine.whoami("up");
            Backends.Backend dying = mine.whoami("dying");
            String routes = """
                    http:
                      routers:
                        r:
                          rule: "PathPrefix(`/`)"
                          service: s
                      services:
                        s:
                          loadBalancer:
                            servers: [{url: "%s"}, {url: "%s"}]
                            healthCheck:
                              path: /health
                              interval: 200ms
                              timeout: 500ms
                    """.formatted(up.url(), dying.url());
            try (Gateway g = TestGateway.start(own, TestGateway.install(), routes)) {
                String service = "/api/http/services/s@file";
                Eventually.await(Duration.ofSeconds(5), "probes", () -> dying.healthChecks.get() >= 2);
                dying.stop();
                Eventually.await(Duration.ofSeconds(5), "the stopped server shown DOWN",
                        () -> "DOWN".equals(Http.admin(g, service).get("serverStatus").path(dying.url()).asText()));
                assertThat(Http.admin(g, service).get("serverStatus").path(up.url()).asText()).isEqualTo("UP");
            }
        }
    }

    private static boolean canConnect(int p) {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", p), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void unreachableUpstreamIs502() {
        HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/dead");
        assertThat(r.statusCode()).isEqualTo(502);
    }

    @Test
    void upstreamThatNeverAnswersIs504AfterTheResponseHeaderTimeout() {
        long t0 = System.nanoTime();
        HttpResponse<String> r = Http.get("http://127.0.0.1:" + port + "/silent");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(ms).as("elapsed ms").isBetween(450L, 3000L);
    }
}
