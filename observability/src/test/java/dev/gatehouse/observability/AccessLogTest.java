package dev.gatehouse.observability;

import static dev.gatehouse.observability.Exchanges.ctx;
import static dev.gatehouse.observability.Exchanges.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.install.AccessLogSpec;
import dev.gatehouse.config.install.AccessLogSpec.FieldsSpec;
import dev.gatehouse.config.install.AccessLogSpec.HeadersSpec;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.testing.Eventually;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpHeaders headers() {
        return new DefaultHttpHeaders()
                .add("authorization", "Bearer s3cret")
                .add("Cookie", "session=abc")
                .add("user-agent", "curl/8.5.0")
                .add("Referer", "https://example.org/")
                .add("x-request-id", "r-1")
                .add("x-request-id", "r-2");
    }

    private static RequestContext namedCtx() {
        RequestContext ctx = ctx("web", "api@file", "backend@file", "http://10.0.0.1:8080/base");
        ctx.set(StandardAttributes.CLIENT_USERNAME, "alice");
        return ctx;
    }

    private static List<String> run(AccessLogSpec spec, HttpHeaders h) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AccessLog log = AccessLog.create(spec, () -> sink, ZoneId.of("Europe/Paris"), 0)) {
            log.exchangeCompleted(summary(namedCtx(), "GET", 201, 1_500_000, h));
        }
        return sink.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonLinesUseTraefikFieldNamesAndDropHeadersByDefault() throws Exception {
        List<String> lines = run(new AccessLogSpec(null, "json", null, null), headers());
        assertThat(lines).hasSize(1);
        JsonNode n = JSON.readTree(lines.getFirst());
        assertThat(n.get("ClientAddr").asText()).isEqualTo("192.0.2.10:40123");
        assertThat(n.get("ClientHost").asText()).isEqualTo("192.0.2.10");
        assertThat(n.get("ClientPort").asText()).isEqualTo("40123");
        assertThat(n.get("ClientUsername").asText()).isEqualTo("alice");
        assertThat(n.get("DownstreamStatus").asInt()).isEqualTo(201);
        assertThat(n.get("DownstreamContentSize").asLong()).isEqualTo(345);
        assertThat(n.get("Duration").asLong()).isEqualTo(1_500_000);
        assertThat(n.get("RequestAddr").asText()).isEqualTo("example.com:8080");
        assertThat(n.get("RequestHost").asText()).isEqualTo("example.com");
        assertThat(n.get("RequestPort").asText()).isEqualTo("8080");
        assertThat(n.get("RequestMethod").asText()).isEqualTo("GET");
        assertThat(n.get("RequestPath").asText()).isEqualTo("/api/items?x=1");
        assertThat(n.get("RequestProtocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(n.get("RequestScheme").asText()).isEqualTo("http");
        assertThat(n.get("RequestContentSize").asLong()).isEqualTo(12);
        assertThat(n.get("RequestCount").asLong()).isPositive();
        assertThat(n.get("RouterName").asText()).isEqualTo("api@file");
        assertThat(n.get("ServiceName").asText()).isEqualTo("backend@file");
        assertThat(n.get("ServiceURL").asText()).isEqualTo("http://10.0.0.1:8080/base");
        assertThat(n.get("ServiceAddr").asText()).isEqualTo("10.0.0.1:8080");
        assertThat(n.get("StartUTC").asText()).endsWith("Z");
        assertThat(n.get("StartLocal").asText()).matches(".*[+-]\\d\\d:\\d\\d");
        assertThat(n.get("entryPointName").asText()).isEqualTo("web");
        assertThat(n.get("level").asText()).isEqualTo("info");
        assertThat(n.get("msg").asText()).isEmpty();
        assertThat(n.has("time")).isTrue();
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).noneMatch(f -> f.startsWith("request_")).isSorted();
    }

    @Test
    void keptHeadersStillRedactCredentialsUnlessNamed() throws Exception {
        FieldsSpec keepAll = new FieldsSpec(null, null, new HeadersSpec("keep", null));
        JsonNode n = JSON.readTree(run(new AccessLogSpec(null, "json", null, keepAll), headers()).getFirst());
        assertThat(n.get("request_Authorization").asText()).isEqualTo("REDACTED");
        assertThat(n.get("request_Cookie").asText()).isEqualTo("REDACTED");
        assertThat(n.get("request_User-Agent").asText()).isEqualTo("curl/8.5.0");
        assertThat(n.get("request_X-Request-Id").asText()).isEqualTo("r-1,r-2");
        assertThat(n.toString()).doesNotContain("s3cret").doesNotContain("session=abc");

        FieldsSpec explicit = new FieldsSpec(null, null,
                new HeadersSpec("drop", Map.of("Authorization", "keep", "User-Agent", "redact")));
        JsonNode e = JSON.readTree(run(new AccessLogSpec(null, "json", null, explicit), headers()).getFirst());
        assertThat(e.get("request_Authorization").asText()).isEqualTo("Bearer s3cret");
        assertThat(e.get("request_User-Agent").asText()).isEqualTo("REDACTED");
        assertThat(e.has("request_Cookie")).isFalse();
    }

    @Test
    void fieldModesDropAndKeepFields() throws Exception {
        FieldsSpec f = new FieldsSpec("drop", Map.of("RequestPath", "keep", "downstreamstatus", "keep"), null);
        JsonNode n = JSON.readTree(run(new AccessLogSpec(null, "json", null, f), headers()).getFirst());
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("DownstreamStatus", "RequestPath", "level", "msg", "time");
        assertThatThrownBy(() -> AccessLog.create(new AccessLogSpec(null, "json", null,
                new FieldsSpec("maybe", null, null)), ByteArrayOutputStream::new, ZoneId.of("UTC"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessLog.fields.defaultMode");
    }

    @Test
    void commonFormatMatchesTraefiksLayout() throws Exception {
        List<String> lines = run(new AccessLogSpec(null, null, null, null), headers());
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).matches(
                "192\\.0\\.2\\.10 - alice \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                        + "\"GET /api/items\\?x=1 HTTP/1\\.1\" 201 345 \"https://example\\.org/\" \"curl/8\\.5\\.0\" "
                        + "\\d+ \"api@file\" \"http://10\\.0\\.0\\.1:8080/base\" 1ms"));

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AccessLog log = AccessLog.create(new AccessLogSpec(null, "common", null, null), () -> sink,
                ZoneId.of("UTC"), 0)) {
            log.exchangeCompleted(new dev.gatehouse.core.ExchangeSummary(ctx("web", null, null, null), "GET", "",
                    "/", "HTTP/2.0", new DefaultHttpHeaders(), 404, 0, 19, 0, false));
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).matches(
                "192\\.0\\.2\\.10 - - \\[[^]]+] \"GET / HTTP/2\\.0\" 404 19 \"-\" \"-\" \\d+ \"-\" \"-\" 0ms\n");
    }

    @Test
    void aStuckWriterMakesLinesDropInsteadOfBlocking() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        AccessLog log = AccessLog.create(new AccessLogSpec(null, "common", 1, null), () -> stuck,
                ZoneId.of("UTC"), 4);
        RequestContext ctx = ctx("web", null, null, null);
        log.exchangeCompleted(summary(ctx, "GET", 200, 0, null));
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("writer reached the stream").isTrue();
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            log.exchangeCompleted(summary(ctx, "GET", 200, 0, null));
        }
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(log.droppedLines()).isEqualTo(96);
        assertThat(elapsedMs).as("offering never waits for the writer").isLessThan(2_000);

        GatewayMetrics metrics = GatewayMetrics.create(null);
        metrics.trackAccessLog(log);
        assertThat(PromText.parse(metrics.scrape()).value("gatehouse_accesslog_dropped_total", Map.of()))
                .isEqualTo(96.0);

        release.countDown();
        log.close();
        assertThat(log.writtenLines()).isEqualTo(5);
        assertThat(written.toString(StandardCharsets.UTF_8).lines()).hasSize(5);
    }

    @Test
    void reopenSwitchesToAFreshStream() throws Exception {
        List<ByteArrayOutputStream> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        AccessLog log = AccessLog.create(new AccessLogSpec(null, "common", null, null), () -> {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            opened.add(s);
            return s;
        }, ZoneId.of("UTC"), 0);
        RequestContext ctx = ctx("web", null, null, null);
        log.exchangeCompleted(summary(ctx, "GET", 200, 0, null));
        Eventually.await(Duration.ofSeconds(10), "first line written", () -> log.writtenLines() == 1);
        log.reopen();
        Eventually.await(Duration.ofSeconds(10), "stream reopened", () -> opened.size() == 2);
        log.exchangeCompleted(summary(ctx, "GET", 500, 0, null));
        log.close();
        assertThat(opened.get(0).toString(StandardCharsets.UTF_8)).contains("\" 200 ").hasLineCount(1);
        assertThat(opened.get(1).toString(StandardCharsets.UTF_8)).contains("\" 500 ").hasLineCount(1);
    }

    @Test
    void consumerAndPolicyDecisionAreLoggedWithoutCredentials() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RequestContext c = namedCtx();
        c.set(StandardAttributes.CONSUMER, new dev.gatehouse.core.Consumer("svc-billing", List.of("ops"), List.of(),
                Map.of("sub", "svc-billing"), "gold", "apiKey"));
        c.set(StandardAttributes.AUTH_DECISION, "ops-can-write");
        try (AccessLog log = AccessLog.create(new AccessLogSpec(null, "json", null, null), () -> sink,
                ZoneId.of("UTC"), 0)) {
            log.exchangeCompleted(summary(c, "GET", 200, 1_000, headers()));
        }
        JsonNode line = JSON.readTree(sink.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
        assertThat(line.get("ConsumerId").asText()).isEqualTo("svc-billing");
        assertThat(line.get("AuthMethod").asText()).isEqualTo("apiKey");
        assertThat(line.get("AuthDecision").asText()).isEqualTo("ops-can-write");
        assertThat(line.toString()).doesNotContain("s3cret");
    }

    @Test
    void noConsumerFieldsWithoutAuthentication() throws Exception {
        List<String> lines = run(new AccessLogSpec(null, "json", null, null), headers());
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.has("ConsumerId")).isFalse();
        assertThat(line.has("AuthMethod")).isFalse();
        assertThat(line.has("AuthDecision")).isFalse();
    }

    @Test
    void queryParametersMarkedAsCredentialsAreRedacted() {
        RequestContext c = namedCtx();
        assertThat(AccessLog.redactQuery("/api?api_key=k-123&page=2", c)).isEqualTo("/api?api_key=k-123&page=2");
        StandardAttributes.markSecretQueryParameter(c, "api_key");
        StandardAttributes.markSecretQueryParameter(c, "token");
        StandardAttributes.markSecretQueryParameter(c, "api_key");
        assertThat(AccessLog.redactQuery("/api?api_key=k-123&page=2&token=ey.J&%74oken=x&bad=%zz", c))
                .isEqualTo("/api?api_key=REDACTED&page=2&token=REDACTED&%74oken=REDACTED&bad=%zz");
        assertThat(AccessLog.redactQuery("/api", c)).isEqualTo("/api");
    }
}
