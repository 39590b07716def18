package dev.gatehouse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.install.MetricsSpec.PrometheusSpec;
import dev.gatehouse.core.spi.MetricsRegistry;
import org.junit.jupiter.api.Test;

class ExtensionCountersTest {
    @Test
    void middlewareCountersAppearOnScrapeWithTheirLabels() {
        GatewayMetrics metrics = GatewayMetrics.create(new PrometheusSpec(null, null, null, null));
        MetricsRegistry.Counter c = metrics.extensions().counter("gatehouse_test_fallback_total",
                "Fallback decisions.", "middleware");
        c.increment("rl@file");
        c.increment("rl@file");
        c.increment("other@file");
        String text = metrics.scrape();
        assertThat(text).contains("# TYPE gatehouse_test_fallback_total counter")
                .contains("gatehouse_test_fallback_total{middleware=\"rl@file\"} 2")
                .contains("gatehouse_test_fallback_total{middleware=\"other@file\"} 1");
    }

    @Test
    void askingAgainReturnsTheSameSeries() {
        GatewayMetrics metrics = GatewayMetrics.create(new PrometheusSpec(null, null, null, null));
        metrics.extensions().counter("gatehouse_x_total", "x").increment();
        metrics.extensions().counter("gatehouse_x_total", "x").increment();
        assertThat(metrics.scrape()).contains("gatehouse_x_total 2");
    }
}
