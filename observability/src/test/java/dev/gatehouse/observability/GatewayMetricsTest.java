package dev.gatehouse.observability;

import static dev.gatehouse.observability.Exchanges.ctx;
import static dev.gatehouse.observability.Exchanges.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.install.MetricsSpec.PrometheusSpec;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsAndHistogramsGrowAsExchangesComplete() {
        GatewayMetrics m = GatewayMetrics.create(null);
        RequestContext ctx = ctx("web", "api@file", "backend@file", "http://10.0.0.1:8080");
        m.exchangeCompleted(summary(ctx, "GET", 200, 50 * MS, null));
        m.exchangeCompleted(summary(ctx, "GET", 200, 200 * MS, null));
        m.exchangeCompleted(summary(ctx, "GET", 200, 7_000 * MS, null));
        m.exchangeCompleted(summary(ctx, "POST", 502, 1_000 * MS, null));

        PromText p = PromText.parse(m.scrape());
        Map<String, String> ep = Map.of("code", "200", "method", "GET", "protocol", "http", "entrypoint", "web");
        assertThat(p.value("gatehouse_entrypoint_requests_total", ep)).isEqualTo(3.0);
        assertThat(p.value("gatehouse_entrypoint_request_duration_seconds_count", ep)).isEqualTo(3.0);
        assertThat(p.value("gatehouse_entrypoint_request_duration_seconds_sum", ep)).isEqualTo(7.25);
        assertThat(p.value("gatehouse_entrypoint_request_duration_seconds_bucket", with(ep, "le", "0.1")))
                .isEqualTo(1.0);
        assertThat(p.value("gatehouse_entrypoint_request_duration_seconds_bucket", with(ep, "le", "0.3")))
                .isEqualTo(2.0);
        assertThat(p.value("gatehouse_entrypoint_request_duration_seconds_bucket", with(ep, "le", "5")))
                .isEqualTo(2.0);
        assertThat(p.value("gatehouse_entrypoint_request_duration_seconds_bucket", with(ep, "le", "+Inf")))
                .isEqualTo(3.0);
        assertThat(p.value("gatehouse_entrypoint_requests_bytes_total", ep)).isEqualTo(36.0);
        assertThat(p.value("gatehouse_entrypoint_responses_bytes_total", ep)).isEqualTo(1035.0);

        assertThat(p.value("gatehouse_router_requests_total", Map.of("code", "502", "method", "POST",
                "protocol", "http", "router", "api@file", "service", "backend@file"))).isEqualTo(1.0);
        assertThat(p.value("gatehouse_service_requests_total", Map.of("code", "200", "method", "GET",
                "protocol", "http", "service", "backend@file"))).isEqualTo(3.0);

        m.exchangeCompleted(summary(ctx, "GET", 200, 10 * MS, null));
        assertThat(PromText.parse(m.scrape()).value("gatehouse_entrypoint_requests_total", ep)).isEqualTo(4.0);
    }

    @Test
    void familiesHaveTypesAndProcessBasicsArePresent() {
        GatewayMetrics m = GatewayMetrics.create(null);
        m.exchangeCompleted(summary(ctx("web", "r@file", "s@file", null), "GET", 200, MS, null));
        PromText p = PromText.parse(m.scrape());
        assertThat(p.types).containsEntry("gatehouse_entrypoint_requests_total", "counter")
                .containsEntry("gatehouse_entrypoint_request_duration_seconds", "histogram")
                .containsEntry("gatehouse_router_request_duration_seconds", "histogram")
                .containsEntry("gatehouse_service_request_duration_seconds", "histogram")
                .containsEntry("gatehouse_open_connections", "gauge")
                .containsEntry("gatehouse_config_reloads_total", "counter")
                .containsEntry("process_start_time_seconds", "gauge")
                .containsEntry("jvm_memory_used_bytes", "gauge");
        assertThat(p.value("process_start_time_seconds", Map.of())).isPositive();
        assertThat(p.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status"))) {
            assertThat(p.value("process_resident_memory_bytes", Map.of())).isPositive();
        }
    }

    @Test
    void labelValuesAreEscaped() {
        GatewayMetrics m = GatewayMetrics.create(null);
        String odd = "we\"ird\\name\nx@file";
        m.exchangeCompleted(summary(ctx("web", odd, "s@file", null), "GET", 200, MS, null));
        String text = m.scrape();
        assertThat(text).contains("router=\"we\\\"ird\\\\name\\nx@file\"");
        PromText p = PromText.parse(text);
        assertThat(p.named("gatehouse_router_requests_total")).singleElement()
                .satisfies(s -> assertThat(s.labels().get("router")).isEqualTo(odd));
    }

    @Test
    void labelSwitchesTurnFamiliesOff() {
        GatewayMetrics m = GatewayMetrics.create(new PrometheusSpec(null, false, false, true));
        m.exchangeCompleted(summary(ctx("web", "r@file", "s@file", null), "GET", 200, MS, null));
        PromText p = PromText.parse(m.scrape());
        assertThat(p.named("gatehouse_entrypoint_requests_total")).isEmpty();
        assertThat(p.named("gatehouse_router_requests_total")).isEmpty();
        assertThat(p.named("gatehouse_service_requests_total")).hasSize(1);
    }

    @Test
    void customBucketsAreUsedAndInvalidOnesRejected() {
        GatewayMetrics m = GatewayMetrics.create(new PrometheusSpec(List.of(0.005, 0.5, 2.0), null, null, null));
        m.exchangeCompleted(summary(ctx("web", null, null, null), "GET", 404, 3 * MS, null));
        PromText p = PromText.parse(m.scrape());
        assertThat(p.named("gatehouse_entrypoint_request_duration_seconds_bucket"))
                .extracting(s -> s.labels().get("le")).containsExactly("0.005", "0.5", "2", "+Inf");
        assertThatThrownBy(() -> GatewayMetrics.create(new PrometheusSpec(List.of(1.0, 0.5), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics.prometheus.buckets");
    }

    @Test
    void unusualMethodsShareOneSeriesAndProtocolsAreDetected() {
        GatewayMetrics m = GatewayMetrics.create(null);
        RequestContext ctx = ctx("web", null, null, null);
        m.exchangeCompleted(summary(ctx, "BREW", 405, MS, null));
        m.exchangeCompleted(summary(ctx, "PROPFIND", 405, MS, null));
        m.exchangeCompleted(summary(ctx, "GET", 101, MS, new DefaultHttpHeaders().add("Upgrade", "websocket")));
        m.exchangeCompleted(summary(ctx, "GET", 200, MS, new DefaultHttpHeaders().add("Accept", "text/event-stream")));
        PromText p = PromText.parse(m.scrape());
        assertThat(p.value("gatehouse_entrypoint_requests_total",
                Map.of("code", "405", "method", "_OTHER", "protocol", "http", "entrypoint", "web"))).isEqualTo(2.0);
        assertThat(p.value("gatehouse_entrypoint_requests_total",
                Map.of("code", "101", "method", "GET", "protocol", "websocket", "entrypoint", "web"))).isEqualTo(1.0);
        assertThat(p.value("gatehouse_entrypoint_requests_total",
                Map.of("code", "200", "method", "GET", "protocol", "sse", "entrypoint", "web"))).isEqualTo(1.0);
    }

    @Test
    void connectionsAndReloadsAreTracked() {
        GatewayMetrics m = GatewayMetrics.create(null);
        m.connectionOpened("web", "http");
        m.connectionOpened("web", "http");
        m.connectionOpened("websecure", "https");
        m.connectionClosed("web", "http");
        m.configReloaded(true, "abc123", Instant.ofEpochSecond(1_700_000_000));
        m.configReloaded(false, "def456", Instant.ofEpochSecond(1_700_000_100, 500_000_000));
        PromText p = PromText.parse(m.scrape());
        assertThat(p.value("gatehouse_open_connections", Map.of("entrypoint", "web", "protocol", "http")))
                .isEqualTo(1.0);
        assertThat(p.value("gatehouse_open_connections", Map.of("entrypoint", "websecure", "protocol", "https")))
                .isEqualTo(1.0);
        assertThat(p.value("gatehouse_config_reloads_total", Map.of("result", "success"))).isEqualTo(1.0);
        assertThat(p.value("gatehouse_config_reloads_total", Map.of("result", "failure"))).isEqualTo(1.0);
        assertThat(p.value("gatehouse_config_last_reload_success_timestamp_seconds", Map.of()))
                .isEqualTo(1.7e9);
        assertThat(p.value("gatehouse_config_last_reload_failure_timestamp_seconds", Map.of()))
                .isEqualTo(1_700_000_100.5);
        assertThat(p.value("gatehouse_config_info", Map.of("revision", "abc123"))).isEqualTo(1.0);
        assertThat(p.named("gatehouse_config_info")).hasSize(1);
    }

    private static Map<String, String> with(Map<String, String> labels, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        out.put(k, v);
        return out;
    }
}
