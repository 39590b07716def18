package dev.gatehouse.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.internal.Json;
import dev.gatehouse.admin.internal.ListQuery;
import dev.gatehouse.admin.internal.PathNames;
import dev.gatehouse.admin.internal.Representations;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.observability.GatewayMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The admin listener's handler: Traefik's API paths, {@code /ping} and {@code /metrics}.
 *
 * <pre>
 *  GET /api/...  ─▶ AdminModel (memory) ─▶ JSON, on the event loop
 *  GET /ping     ─▶ 200 OK, or the terminating status while shutting down
 *  GET /metrics  ─▶ executor: GatewayMetrics.scrape() ─▶ back on the event loop ─▶ text 0.0.4
 * </pre>
 *
 * <p>Only GET and HEAD are served; anything else gets 405. The API answers only when {@code api} is set, ping
 * when {@code ping} is, metrics when {@code metrics.prometheus} is and metrics were given. Credentials in
 * middleware and service settings are shown as {@code REDACTED}.
 */
public final class AdminApi implements HttpHandler {
    private static final String JSON_TYPE = "application/json";
    private static final Map<String, Comparator<RouterView>> ROUTER_SORTS = Map.of(
            "provider", Comparator.comparing(RouterView::provider, Comparator.nullsFirst(Comparator.naturalOrder())),
            "priority", Comparator.comparing(r -> r.priority() == null ? 0 : r.priority()),
            "status", Comparator.comparing(RouterView::status, Comparator.nullsFirst(Comparator.naturalOrder())),
            "rule", Comparator.comparing(RouterView::rule, Comparator.nullsFirst(Comparator.naturalOrder())),
            "service", Comparator.comparing(RouterView::service, Comparator.nullsFirst(Comparator.naturalOrder())),
            "entryPoints", Comparator.comparing(r -> r.entryPoints() == null ? 0 : r.entryPoints().size()));
    private static final Map<String, Comparator<ServiceView>> SERVICE_SORTS = Map.of(
            "provider", Comparator.comparing(ServiceView::provider, Comparator.nullsFirst(Comparator.naturalOrder())),
            "status", Comparator.comparing(ServiceView::status, Comparator.nullsFirst(Comparator.naturalOrder())),
            "type", Comparator.comparing(ServiceView::type, Comparator.nullsFirst(Comparator.naturalOrder())));
    private static final Map<String, Comparator<MiddlewareView>> MIDDLEWARE_SORTS = Map.of(
            "provider", Comparator.comparing(MiddlewareView::provider,
                    Comparator.nullsFirst(Comparator.naturalOrder())),
            "status", Comparator.comparing(MiddlewareView::status, Comparator.nullsFirst(Comparator.naturalOrder())),
            "type", Comparator.comparing(MiddlewareView::type, Comparator.nullsFirst(Comparator.naturalOrder())));

    private final AdminModel model;
    private final InstallConfig install;
    private final GatewayMetrics metrics;
    private final Executor scrapeExecutor;
    private final int terminatingStatus;
    private final String version;
    private final Instant startDate;

    private AdminApi(AdminModel model, InstallConfig install, GatewayMetrics metrics, Executor scrapeExecutor) {
        this.model = Objects.requireNonNull(model, "model");
        this.install = install;
        boolean prometheus = install != null && install.metrics() != null && install.metrics().prometheus() != null;
        this.metrics = prometheus ? metrics : null;
        this.scrapeExecutor = scrapeExecutor;
        Integer code = install == null || install.ping() == null ? null : install.ping().terminatingStatusCode();
        this.terminatingStatus = code == null ? 503 : code;
        String v = AdminApi.class.getPackage().getImplementationVersion();
        this.version = v == null ? "dev" : v;
        this.startDate = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /**
     * Creates the handler; metrics scrapes run on virtual threads.
     *
     * @param model   the runtime's view of its state
     * @param install the install config (decides which endpoints exist)
     * @param metrics the metrics, or null
     * @return the handler
     */
    public static AdminApi create(AdminModel model, InstallConfig install, GatewayMetrics metrics) {
        return create(model, install, metrics, Executors.newVirtualThreadPerTaskExecutor());
    }

    /**
     * Creates the handler with a chosen executor for metrics scrapes.
     *
     * @param model          the runtime's view of its state
     * @param install        the install config (decides which endpoints exist)
     * @param metrics        the metrics, or null
     * @param scrapeExecutor where scrapes run (they read {@code /proc}, so not on an event loop)
     * @return the handler
     */
    public static AdminApi create(AdminModel model, InstallConfig install, GatewayMetrics metrics,
                                  Executor scrapeExecutor) {
        return new AdminApi(model, install, metrics, scrapeExecutor);
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req) {
        boolean head = HttpMethod.HEAD.equals(req.method());
        if (!head && !HttpMethod.GET.equals(req.method())) {
            HttpResponse r = text(405, "405 method not allowed\n", false);
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            return r;
        }
        String path = req.path();
        if (path.equals("/ping") && install != null && install.ping() != null) {
            return model.shuttingDown() ? HttpResponse.of(terminatingStatus) : text(200, "OK", head);
        }
        if (path.equals("/metrics") && metrics != null) {
            return scrape(ctx, head);
        }
        if (path.startsWith("/api/") && install != null && install.api() != null) {
            try {
                return api(path, new QueryStringDecoder(req.uri()).parameters(), head);
            } catch (IllegalArgumentException e) {
                return error(400, e.getMessage(), head);
            }
        }
        return text(404, "404 page not found\n", head);
    }

    private HttpResponse api(String path, Map<String, List<String>> params, boolean head) {
        switch (path) {
            case "/api/overview" -> {
                return json(200, Representations.overview(model.config(), install, metrics != null), null, head);
            }
            case "/api/rawdata" -> {
                return json(200, Representations.rawData(model.config()), null, head);
            }
            case "/api/version" -> {
                ObjectNode v = Json.MAPPER.createObjectNode();
                v.put("Version", version);
                v.put("Codename", "gatehouse");
                v.put("startDate", startDate.toString());
                return json(200, v, null, head);
            }
            case "/api/entrypoints" -> {
                return list(model.entryPoints(), EntryPointView::name, Map.of(), ListQuery.of(params),
                        Representations::entryPoint, head);
            }
            case "/api/http/routers" -> {
                ListQuery q = ListQuery.of(params);
                List<RouterView> kept = model.config().routers().stream()
                        .filter(r -> q.keepsStatus(r.status()) && q.matches(r.rule(), r.name())
                                && q.keepsService(r.service()) && q.keepsMiddleware(r.middlewares()))
                        .toList();
                return list(kept, RouterView::name, ROUTER_SORTS, q, r -> Representations.router(r, true), head);
            }
            case "/api/http/services" -> {
                ListQuery q = ListQuery.of(params);
                List<ServiceView> kept = model.config().services().stream()
                        .filter(s -> q.keepsStatus(s.status()) && q.matches(s.name())).toList();
                return list(kept, ServiceView::name, SERVICE_SORTS, q, s -> Representations.service(s, true), head);
            }
            case "/api/http/middlewares" -> {
                ListQuery q = ListQuery.of(params);
                List<MiddlewareView> kept = model.config().middlewares().stream()
                        .filter(m -> q.keepsStatus(m.status()) && q.matches(m.name())).toList();
                return list(kept, MiddlewareView::name, MIDDLEWARE_SORTS, q,
                        m -> Representations.middleware(m, true), head);
            }
            default -> {
                return item(path, head);
            }
        }
    }

    private HttpResponse item(String path, boolean head) {
        String name;
        if ((name = PathNames.decode(path, "/api/entrypoints/")) != null) {
            String n = name;
            return model.entryPoints().stream().filter(e -> n.equals(e.name())).findFirst()
                    .map(e -> json(200, Representations.entryPoint(e), null, head))
                    .orElseGet(() -> error(404, "entry point not found: " + n, head));
        }
        if ((name = PathNames.decode(path, "/api/http/routers/")) != null) {
            String n = name;
            return model.config().routers().stream().filter(r -> n.equals(r.name())).findFirst()
                    .map(r -> json(200, Representations.router(r, true), null, head))
                    .orElseGet(() -> error(404, "router not found: " + n, head));
        }
        if ((name = PathNames.decode(path, "/api/http/services/")) != null) {
            String n = name;
            return model.config().services().stream().filter(s -> n.equals(s.name())).findFirst()
                    .map(s -> json(200, Representations.service(s, true), null, head))
                    .orElseGet(() -> error(404, "service not found: " + n, head));
        }
        if ((name = PathNames.decode(path, "/api/http/middlewares/")) != null) {
            String n = name;
            return model.config().middlewares().stream().filter(m -> n.equals(m.name())).findFirst()
                    .map(m -> json(200, Representations.middleware(m, true), null, head))
                    .orElseGet(() -> error(404, "middleware not found: " + n, head));
        }
        return text(404, "404 page not found\n", head);
    }

    private <T> HttpResponse list(List<T> items, Function<T, String> name, Map<String, Comparator<T>> sorts,
                                  ListQuery q, Function<T, JsonNode> render, boolean head) {
        ListQuery.Page<T> page = q.page(items, name, sorts);
        ArrayNode out = Json.MAPPER.createArrayNode();
        page.items().forEach(i -> out.add(render.apply(i)));
        return json(200, out, Integer.toString(page.nextPage()), head);
    }

    private HttpResponse scrape(RequestContext ctx, boolean head) {
        HttpResponse pending = HttpResponse.pending();
        try {
            scrapeExecutor.execute(() -> {
                byte[] body;
                int status = 200;
                try {
                    body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                } catch (RuntimeException e) {
                    status = 500;
                    body = ("scrape failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                }
                int s = status;
                byte[] b = body;
                Runnable complete = () -> complete(pending, s, GatewayMetrics.CONTENT_TYPE, b, head);
                if (ctx.eventLoop() != null) {
                    ctx.eventLoop().execute(complete);
                } else {
                    complete.run();
                }
            });
        } catch (RejectedExecutionException e) {
            return text(503, "metrics unavailable\n", head);
        }
        return pending;
    }

    private static void complete(HttpResponse r, int status, String type, byte[] body, boolean head) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, type);
        h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.complete(status, h, head ? Body.empty() : Body.of(body));
    }

    private static HttpResponse json(int status, JsonNode node, String nextPage, boolean head) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return error(500, e.getOriginalMessage(), head);
        }
        HttpResponse r = bytes(status, JSON_TYPE, body, head);
        if (nextPage != null) {
            r.headers().set(ListQuery.NEXT_PAGE, nextPage);
        }
        return r;
    }

    private static HttpResponse error(int status, String message, boolean head) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("message", message);
        return bytes(status, JSON_TYPE, n.toString().getBytes(StandardCharsets.UTF_8), head);
    }

    private static HttpResponse text(int status, String text, boolean head) {
        return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), head);
    }

    private static HttpResponse bytes(int status, String type, byte[] body, boolean head) {
        HttpResponse r = HttpResponse.pending();
        complete(r, status, type, body, head);
        return r;
    }
}
