package dev.gatehouse.observability;


import dev.gatehouse.config.install.MetricsSpec.PrometheusSpec;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.ExchangeSummary;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.observability.internal.ConnectionLabels;
import dev.gatehouse.observability.internal.ExtensionCounters;
import dev.gatehouse.observability.internal.ProcessMetrics;
import dev.gatehouse.observability.internal.PrometheusText;
import dev.gatehouse.observability.internal.RequestLabels;
import dev.gatehouse.observability.internal.RequestSeries;
import dev.gatehouse.observability.internal.SeriesOrder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gateway's metrics, exposed in the Prometheus text format 0.0.4. Names follow Traefik's with the
 * {@code gatehouse_} prefix, so Traefik dashboards port by renaming.
 *
 * <p>Hand-written rather than built on the OpenTelemetry SDK: the SDK allocates an attribute set per
 * recording, and {@link #exchangeCompleted} runs on event loops for every request. Here a recording is one
 * lookup in a {@link ConcurrentHashMap} keyed by a small record of strings that already exist, then a few
 * {@link LongAdder} increments: no lock, no string building.
 *
 * <p>Series are created on first use and kept for the life of the process (a router removed by a reload keeps
 * its last counts). Methods outside the standard set are labelled {@code _OTHER} so clients cannot create
 * series at will.
 */
public final class GatewayMetrics implements ExchangeObserver {
    /** The content type of {@link #scrape()}'s output. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Traefik's default histogram buckets, in seconds. */
    public static final List<Double> DEFAULT_BUCKETS = List.of(0.1, 0.3, 1.2, 5.0);

    private static final String[] CODES = new String[1000];

    static {
        for (int i = 0; i < CODES.length; i++) {
            CODES[i] = Integer.toString(i).intern();
        }
    }

    private final double[] bounds;
    private final long[] boundNanos;
    private final boolean entryPointLabels;
    private final boolean routerLabels;
    private final boolean serviceLabels;
    private final Map<RequestLabels, RequestSeries> entryPoints = new ConcurrentHashMap<>();
    private final Map<RequestLabels, RequestSeries> routers = new ConcurrentHashMap<>();
    private final Map<RequestLabels, RequestSeries> services = new ConcurrentHashMap<>();
    private final Map<ConnectionLabels, LongAdder> connections = new ConcurrentHashMap<>();
    private final LongAdder reloadSuccesses = new LongAdder();
    private final ExtensionCounters extensions = new ExtensionCounters();
    private final MetricsRegistry.Counter consumerRequests;
    private final LongAdder reloadFailures = new LongAdder();
    private volatile double lastSuccessSeconds;
    private volatile double lastFailureSeconds;
    private volatile String revision;
    private volatile LongSupplier accessLogDropped;

    private GatewayMetrics(List<Double> buckets, boolean entryPointLabels, boolean routerLabels,
                           boolean serviceLabels, boolean consumerLabels) {
        this.consumerRequests = consumerLabels ? extensions.counter("gatehouse_consumer_requests_total",
                "How many requests each authenticated Consumer made, by how it authenticated and the status code.",
                "consumer", "auth_method", "code") : null;
        this.bounds = validate(buckets);
        this.boundNanos = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            boundNanos[i] = (long) Math.floor(bounds[i] * 1e9);
        }
        this.entryPointLabels = entryPointLabels;
        this.routerLabels = routerLabels;
        this.serviceLabels = serviceLabels;
    }

    /**
     * Creates the metrics from {@code metrics.prometheus}.
     *
     * @param spec the settings; null means every default
     * @return the metrics
     * @throws IllegalArgumentException when the buckets are not finite and strictly increasing
     */
    public static GatewayMetrics create(PrometheusSpec spec) {
        if (spec == null) {
            return new GatewayMetrics(DEFAULT_BUCKETS, true, true, true, false);
        }
        List<Double> buckets = spec.buckets() == null || spec.buckets().isEmpty() ? DEFAULT_BUCKETS : spec.buckets();
        return new GatewayMetrics(buckets, orTrue(spec.addEntryPointsLabels()), orTrue(spec.addRoutersLabels()),
                orTrue(spec.addServicesLabels()), Boolean.TRUE.equals(spec.addConsumersLabels()));
    }

    private static boolean orTrue(Boolean b) {
        return b == null || b;
    }

    private static double[] validate(List<Double> buckets) {
        double[] out = new double[buckets.size()];
        for (int i = 0; i < out.length; i++) {
            Double b = buckets.get(i);
            if (b == null || !Double.isFinite(b) || b < 0 || (i > 0 && b <= out[i - 1])) {
                throw new IllegalArgumentException("metrics.prometheus.buckets: " + buckets
                        + " (expected finite, non-negative bounds in seconds, strictly increasing)");
            }
            out[i] = b;
        }
        return out;
    }

    @Override
    public void connectionOpened(String entryPoint, String protocol) {
        gauge(entryPoint, protocol).increment();
    }

    @Override
    public void connectionClosed(String entryPoint, String protocol) {
        gauge(entryPoint, protocol).decrement();
    }

    private LongAdder gauge(String entryPoint, String protocol) {
        ConnectionLabels key = new ConnectionLabels(entryPoint, protocol);
        LongAdder a = connections.get(key);
        return a != null ? a : connections.computeIfAbsent(key, k -> new LongAdder());
    }

    @Override
    public void exchangeCompleted(ExchangeSummary s) {
        int status = s.status();
        String code = status >= 0 && status < CODES.length ? CODES[status] : Integer.toString(status);
        String method = method(s.method());
        String protocol = protocol(s.requestHeaders());
        long nanos = Math.max(0, s.durationNanos());
        int bucket = bucketOf(nanos);
        long in = s.requestBytes();
        long out = s.responseBytes();
        String router = s.ctx() == null ? null : s.ctx().router();
        String service = s.ctx() == null ? null : s.ctx().service();
        if (entryPointLabels && s.ctx() != null) {
            series(entryPoints, new RequestLabels(code, method, protocol, s.ctx().entryPoint(), null))
                    .record(bucket, nanos, in, out);
        }
        if (routerLabels && router != null) {
            series(routers, new RequestLabels(code, method, protocol, router, service)).record(bucket, nanos, in, out);
        }
        if (serviceLabels && service != null) {
            series(services, new RequestLabels(code, method, protocol, service, null)).record(bucket, nanos, in, out);
        }
        Consumer consumer = consumerRequests == null || s.ctx() == null ? null : s.ctx().get(StandardAttributes.CONSUMER);
        if (consumer != null) {
            consumerRequests.increment(consumer.id(), consumer.method(), code);
        }
    }

    private RequestSeries series(Map<RequestLabels, RequestSeries> map, RequestLabels key) {
        // get first: computeIfAbsent may lock the bin even when the key is present.
        RequestSeries s = map.get(key);
        return s != null ? s : map.computeIfAbsent(key, k -> new RequestSeries(bounds.length));
    }

    private int bucketOf(long nanos) {
        for (int i = 0; i < boundNanos.length; i++) {
            if (nanos <= boundNanos[i]) {
                return i;
            }
        }
        return boundNanos.length;
    }

    private static String method(String m) {
        if (m == null) {
            return "_OTHER";
        }
        return switch (m) {
            case "GET" -> "GET";
            case "HEAD" -> "HEAD";
            case "POST" -> "POST";
            case "PUT" -> "PUT";
            case "DELETE" -> "DELETE";
            case "PATCH" -> "PATCH";
            case "OPTIONS" -> "OPTIONS";
            case "CONNECT" -> "CONNECT";
            case "TRACE" -> "TRACE";
            default -> "_OTHER";
        };
    }

    private static String protocol(HttpHeaders h) {
        if (h == null) {
            return "http";
        }
        if (h.containsValue(HttpHeaderNames.UPGRADE, "websocket", true)) {
            return "websocket";
        }
        String accept = h.get(HttpHeaderNames.ACCEPT);
        return accept != null && accept.contains("text/event-stream") ? "sse" : "http";
    }

    /**
     * Records a config reload attempt. Called by the runtime after each attempt, including the first load.
     *
     * @param success  true when the new config was applied
     * @param revision the applied config's revision (content hash); on failure it is ignored, since the
     *                 previous revision keeps serving
     * @param at       when the attempt finished
     */
    public void configReloaded(boolean success, String revision, Instant at) {
        double seconds = at.getEpochSecond() + at.getNano() / 1e9;
        if (success) {
            reloadSuccesses.increment();
            lastSuccessSeconds = seconds;
            if (revision != null) {
                this.revision = revision;
            }
        } else {
            reloadFailures.increment();
            lastFailureSeconds = seconds;
        }
    }

    /**
     * Exposes an access log's drop count as {@code gatehouse_accesslog_dropped_total}.
     *
     * @param accessLog the access log
     */
    public void trackAccessLog(AccessLog accessLog) {
        this.accessLogDropped = accessLog::droppedLines;
    }

    /** @return where middlewares publish their own counters; they are rendered with the rest */
    public MetricsRegistry extensions() {
        return extensions;
    }

    /**
     * Renders every metric. Reads {@code /proc/self/status}, so call it off event loops.
     *
     * @return the exposition text, in {@link #CONTENT_TYPE}
     */
    public String scrape() {
        StringBuilder out = new StringBuilder(8192);
        requests(out, "entrypoint", entryPoints, "entrypoint", null);
        requests(out, "router", routers, "router", "service");
        requests(out, "service", services, "service", null);
        PrometheusText.header(out, "gatehouse_open_connections", "gauge",
                "How many connections are open, per entry point and protocol.");
        for (Map.Entry<ConnectionLabels, LongAdder> e : sortedConnections()) {
            out.append("gatehouse_open_connections{");
            PrometheusText.label(out, "entrypoint", e.getKey().entryPoint());
            out.append(',');
            PrometheusText.label(out, "protocol", e.getKey().protocol());
            out.append("} ").append(e.getValue().sum()).append('\n');
        }
        config(out);
        LongSupplier dropped = accessLogDropped;
        if (dropped != null) {
            PrometheusText.header(out, "gatehouse_accesslog_dropped_total", "counter",
                    "Access log lines dropped because the writer could not keep up.");
            out.append("gatehouse_accesslog_dropped_total ").append(dropped.getAsLong()).append('\n');
        }
        extensions.write(out);
        ProcessMetrics.write(out);
        return out.toString();
    }

    private List<Map.Entry<ConnectionLabels, LongAdder>> sortedConnections() {
        List<Map.Entry<ConnectionLabels, LongAdder>> list = new ArrayList<>(connections.entrySet());
        list.sort(Map.Entry.comparingByKey(java.util.Comparator.comparing(ConnectionLabels::entryPoint)
                .thenComparing(ConnectionLabels::protocol)));
        return list;
    }

    private void config(StringBuilder out) {
        PrometheusText.header(out, "gatehouse_config_reloads_total", "counter",
                "Config reload attempts, by result.");
        out.append("gatehouse_config_reloads_total{result=\"failure\"} ").append(reloadFailures.sum()).append('\n');
        out.append("gatehouse_config_reloads_total{result=\"success\"} ").append(reloadSuccesses.sum()).append('\n');
        PrometheusText.header(out, "gatehouse_config_last_reload_success_timestamp_seconds", "gauge",
                "When the last config reload succeeded, in seconds since the epoch (0 before the first).");
        out.append("gatehouse_config_last_reload_success_timestamp_seconds ")
                .append(PrometheusText.number(lastSuccessSeconds)).append('\n');
        PrometheusText.header(out, "gatehouse_config_last_reload_failure_timestamp_seconds", "gauge",
                "When the last config reload failed, in seconds since the epoch (0 if none has).");
        out.append("gatehouse_config_last_reload_failure_timestamp_seconds ")
                .append(PrometheusText.number(lastFailureSeconds)).append('\n');
        String rev = revision;
        PrometheusText.header(out, "gatehouse_config_info", "gauge", "The revision of the config being served.");
        if (rev != null) {
            out.append("gatehouse_config_info{");
            PrometheusText.label(out, "revision", rev);
            out.append("} 1\n");
        }
    }

    private void requests(StringBuilder out, String kind, Map<RequestLabels, RequestSeries> map, String nameLabel,
                          String serviceLabel) {
        String prefix = "gatehouse_" + kind;
        List<Map.Entry<RequestLabels, RequestSeries>> rows = new ArrayList<>(map.entrySet());
        rows.sort(Map.Entry.comparingByKey(SeriesOrder.INSTANCE));
        List<String> labels = new ArrayList<>(rows.size());
        for (Map.Entry<RequestLabels, RequestSeries> r : rows) {
            labels.add(labelText(r.getKey(), nameLabel, serviceLabel));
        }
        List<long[]> buckets = new ArrayList<>(rows.size());
        for (Map.Entry<RequestLabels, RequestSeries> r : rows) {
            buckets.add(r.getValue().cumulativeBuckets());
        }
        PrometheusText.header(out, prefix + "_requests_total", "counter",
                "How many HTTP requests were processed, per " + kind + ".");
        for (int i = 0; i < rows.size(); i++) {
            long[] b = buckets.get(i);
            out.append(prefix).append("_requests_total{").append(labels.get(i)).append("} ")
                    .append(b[b.length - 1]).append('\n');
        }
        String hist = prefix + "_request_duration_seconds";
        PrometheusText.header(out, hist, "histogram", "How long HTTP requests took, in seconds, per " + kind + ".");
        for (int i = 0; i < rows.size(); i++) {
            long[] b = buckets.get(i);
            String l = labels.get(i);
            for (int j = 0; j < b.length; j++) {
                out.append(hist).append("_bucket{").append(l).append(",le=\"")
                        .append(j < bounds.length ? PrometheusText.bound(bounds[j]) : "+Inf").append("\"} ")
                        .append(b[j]).append('\n');
            }
            out.append(hist).append("_sum{").append(l).append("} ")
                    .append(PrometheusText.number(rows.get(i).getValue().sumSeconds())).append('\n');
            out.append(hist).append("_count{").append(l).append("} ").append(b[b.length - 1]).append('\n');
        }
        bytes(out, prefix + "_requests_bytes_total", "Request body bytes received, per " + kind + ".", rows,
                labels, true);
        bytes(out, prefix + "_responses_bytes_total", "Response body bytes sent, per " + kind + ".", rows,
                labels, false);
    }

    private static void bytes(StringBuilder out, String name, String help,
                              List<Map.Entry<RequestLabels, RequestSeries>> rows, List<String> labels,
                              boolean request) {
        PrometheusText.header(out, name, "counter", help);
        for (int i = 0; i < rows.size(); i++) {
            RequestSeries s = rows.get(i).getValue();
            out.append(name).append('{').append(labels.get(i)).append("} ")
                    .append(request ? s.requestBytes() : s.responseBytes()).append('\n');
        }
    }

    /** Labels in alphabetical order, as Go's client writes them. */
    private static String labelText(RequestLabels k, String nameLabel, String serviceLabel) {
        StringBuilder sb = new StringBuilder(96);
        PrometheusText.label(sb, "code", k.code());
        if (nameLabel.equals("entrypoint")) {
            sb.append(',');
            PrometheusText.label(sb, "entrypoint", k.name());
        }
        sb.append(',');
        PrometheusText.label(sb, "method", k.method());
        sb.append(',');
        PrometheusText.label(sb, "protocol", k.protocol());
        if (nameLabel.equals("router")) {
            sb.append(',');
            PrometheusText.label(sb, "router", k.name());
        }
        if (serviceLabel != null) {
            sb.append(',');
            PrometheusText.label(sb, serviceLabel, k.service());
        } else if (nameLabel.equals("service")) {
            sb.append(',');
            PrometheusText.label(sb, "service", k.name());
        }
        return sb.toString();
    }
}
