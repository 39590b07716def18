package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.Eventually;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: the admin listener, its API, Prometheus metrics, and the JSON access log. */
class AdminIT {
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend whoami;
    static Gateway gateway;
    static Path accessLog;

    @BeforeAll
    static void start() throws Exception {
        backends = new Backends();
        whoami = backends.whoami("admin-test");
        accessLog = dir.resolve("logs").resolve("access.json");
        String extra = """
                accessLog:
                  filePath: "%s"
                  format: json
                  fields:
                    headers:
                      defaultMode: keep
                """.formatted(accessLog);
        String routes = """
                http:
                  routers:
                    whoami:
                      rule: "PathPrefix(`/whoami`)"
                      service: whoami
                  services:
                    whoami:
                      loadBalancer:
                        servers: [{url: "%s"}]
                """.formatted(whoami.url());
        gateway = TestGateway.start(dir, TestGateway.install(false, "1s", extra), routes);
    }

    @AfterAll
    static void stop() {
        TestGateway.closeAll(gateway, backends);
    }

    private static String admin(String path) {
        return "http://127.0.0.1:" + gateway.adminPort() + path;
    }

    @Test
    void theAdminListenerIsBoundToLoopback127001Only() throws IOException {
        assertThat(gateway.adminPort()).isPositive().isNotEqualTo(gateway.port("web"));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", gateway.adminPort()), 2000);
        }
        // Every 127/8 address is loopback on Linux: a wildcard bind would accept on 127.0.0.2, 127.0.0.1 does not.
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.2", gateway.adminPort()), 2000);
            }
        }).isInstanceOf(IOException.class);
        assertThat(Gateway.DEFAULT_ADMIN_ADDRESS).isEqualTo("127.0.0.1:9090");
    }

    @Test
    void pingAnswersOk() {
        HttpResponse<String> r = Http.get(admin("/ping"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("OK");
    }

    @Test
    void versionEntryPointsAndServiceStatus() {
        JsonNode version = Http.admin(gateway, "/api/version");
        assertThat(version.get("Version").asText()).isNotBlank();
        assertThat(version.get("Codename").asText()).isEqualTo("gatehouse");

        JsonNode eps = Http.admin(gateway, "/api/entrypoints");
        assertThat(eps.isArray()).isTrue();
        assertThat(eps.findValuesAsText("name")).containsExactly("web");
        assertThat(eps.get(0).get("address").asText()).isEqualTo("127.0.0.1:0");

        JsonNode svc = Http.admin(gateway, "/api/http/services/whoami@file");
        assertThat(svc.get("name").asText()).isEqualTo("whoami@file");
        assertThat(svc.get("status").asText()).isEqualTo("enabled");
        assertThat(svc.get("serverStatus").get(whoami.url()).asText()).isEqualTo("UP");
        assertThat(svc.get("usedBy").toString()).contains("whoami@file");

        HttpResponse<String> missing = Http.get(admin("/api/http/services/nope@file"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("service not found: nope@file");
    }

    @Test
    void metricsCountTheRouteAfterTrafficAndParseAsPrometheusText() {
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get("http://127.0.0.1:" + gateway.port("web") + "/whoami/m" + i).statusCode())
                    .isEqualTo(200);
        }
        String series = "gatehouse_router_requests_total{code=\"200\",method=\"GET\",protocol=\"http\","
                + "router=\"whoami@file\",service=\"whoami@file\"}";
        Eventually.await(Duration.ofSeconds(5), "router counter",
                () -> Http.sample(Http.metrics(gateway), series) >= 3);
        HttpResponse<String> r = Http.get(admin("/metrics"));
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertPrometheusText(r.body());
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})?"
                    + " ([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?");

    /** Checks every line against the text exposition format 0.0.4 and that each sample's family is typed. */
    static void assertPrometheusText(String text) {
        assertThat(text).endsWith("\n");
        Map<String, String> types = new HashMap<>();
        int samples = 0;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                assertThat(parts).as(line).hasSizeGreaterThanOrEqualTo(3);
                assertThat(NAME.matcher(parts[2]).matches()).as(line).isTrue();
                if (line.startsWith("# TYPE ")) {
                    assertThat(parts).as(line).hasSize(4);
                    assertThat(List.of("counter", "gauge", "histogram", "summary", "untyped")).as(line)
                            .contains(parts[3]);
                    assertThat(types.put(parts[2], parts[3])).as("TYPE given twice: " + line).isNull();
                }
                continue;
            }
            assertThat(line).as("comment").doesNotStartWith("#!");
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("sample line: %s", line).isTrue();
            String name = m.group(1);
            String family = types.containsKey(name) ? name : name.replaceAll("_(bucket|sum|count)$", "");
            assertThat(types).as("TYPE before %s", line).containsKey(family);
            samples++;
        }
        assertThat(samples).isPositive();
    }

    @Test
    void accessLogWritesOneJsonLinePerRequestWithTraefikFieldsAndRedactsAuthorization() throws Exception {
        String marker = "/whoami/logged-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get("http://127.0.0.1:" + gateway.port("web") + marker + "?i=" + i,
                    "Authorization", "Bearer top-secret-token", "User-Agent", "admin-it").statusCode())
                    .isEqualTo(200);
        }
        Eventually.await(Duration.ofSeconds(5), "three access log lines", () -> lines(marker).size() == 3);
        List<String> lines = lines(marker);
        for (int i = 0; i < 3; i++) {
            String line = lines.get(i);
            assertThat(line).doesNotContain("top-secret-token");
            JsonNode j = Http.json(line);
            assertThat(j.get("RequestPath").asText()).isEqualTo(marker + "?i=" + i);
            assertThat(j.get("RequestMethod").asText()).isEqualTo("GET");
            assertThat(j.get("RequestProtocol").asText()).isEqualTo("HTTP/1.1");
            assertThat(j.get("DownstreamStatus").asInt()).isEqualTo(200);
            assertThat(j.get("DownstreamContentSize").asLong()).isPositive();
            assertThat(j.get("ClientHost").asText()).isEqualTo("127.0.0.1");
            assertThat(j.get("RouterName").asText()).isEqualTo("whoami@file");
            assertThat(j.get("ServiceName").asText()).isEqualTo("whoami@file");
            assertThat(j.get("ServiceURL").asText()).isEqualTo(whoami.url());
            assertThat(j.get("entryPointName").asText()).isEqualTo("web");
            assertThat(j.get("Duration").asLong()).isPositive();
            assertThat(j.get("level").asText()).isEqualTo("info");
            assertThat(j.has("StartUTC")).isTrue();
            assertThat(j.get("request_Authorization").asText()).isEqualTo("REDACTED");
            assertThat(j.get("request_User-Agent").asText()).isEqualTo("admin-it");
        }
    }

    private static List<String> lines(String marker) {
        try {
            if (!Files.exists(accessLog)) {
                return List.of();
            }
            return Files.readAllLines(accessLog).stream().filter(l -> l.contains(marker)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
