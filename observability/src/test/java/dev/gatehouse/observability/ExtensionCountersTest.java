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

    @Test
    void consumerSeriesOnlyWhenAskedFor() {
        dev.gatehouse.core.RequestContext ctx = Exchanges.ctx("web", "api@file", "svc@file", "http://10.0.0.1");
        ctx.set(dev.gatehouse.core.StandardAttributes.CONSUMER, new dev.gatehouse.core.Consumer("acme", null, null,
                null, null, "apiKey"));
        GatewayMetrics off = GatewayMetrics.create(new PrometheusSpec(null, null, null, null));
        off.exchangeCompleted(Exchanges.summary(ctx, "GET", 200, 1_000, new io.netty.handler.codec.http.DefaultHttpHeaders()));
        assertThat(off.scrape()).doesNotContain("gatehouse_consumer_requests_total");
        GatewayMetrics on = GatewayMetrics.create(new PrometheusSpec(null, null, null, null, true));
        on.exchangeCompleted(Exchanges.summary(ctx, "GET", 200, 1_000, new io.netty.handler.codec.http.DefaultHttpHeaders()));
        on.exchangeCompleted(Exchanges.summary(ctx, "GET", 429, 1_000, new io.netty.handler.codec.http.DefaultHttpHeaders()));
        assertThat(on.scrape())
                .contains("gatehouse_consumer_requests_total{consumer=\"acme\",auth_method=\"apiKey\",code=\"200\"} 1")
                .contains("gatehouse_consumer_requests_total{consumer=\"acme\",auth_method=\"apiKey\",code=\"429\"} 1");
    }
}
