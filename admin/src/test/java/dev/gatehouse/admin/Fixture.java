package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.RouterTlsSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.EntryPointSpec.LifeCycleSpec;
import dev.gatehouse.config.install.EntryPointSpec.TransportSpec;
import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A small runtime state in the shape of Traefik's API test fixtures, and helpers to call the handler. */
final class Fixture implements AdminModel {
    static final ObjectMapper JSON = new ObjectMapper();

    volatile boolean shuttingDown;
    volatile Diagnostic lastError;

    @Override
    public List<EntryPointView> entryPoints() {
        return List.of(
                new EntryPointView("websecure", new EntryPointSpec(":443", null, null, null)),
                new EntryPointView("web", new EntryPointSpec(":80", null,
                        new TransportSpec(null, new LifeCycleSpec(Duration.ofMillis(1500), Duration.ofSeconds(10))),
                        null)));
    }

    @Override
    public ConfigView config() {
        List<RouterView> routers = List.of(
                new RouterView("bar@myprovider", "myprovider", "enabled", List.of(), List.of("web"),
                        List.of("auth", "addPrefixTest@anotherprovider"), "foo-service@myprovider",
                        "Host(`foo.bar`)", null, null, List.of("web")),
                new RouterView("test@myprovider", "myprovider", "enabled", List.of(), List.of("web"),
                        List.of("addPrefixTest", "auth"), "foo-service", "Host(`foo.bar.other`)", 12,
                        new RouterTlsSpec(null, null, null), List.of("web")),
                new RouterView("broken@file", "file", "disabled",
                        List.of("middleware \"nope@file\" does not exist"), List.of("web"), List.of("nope"),
                        "other@file", "Path(`/x`)", null, null, List.of()));
        List<ServiceView> services = List.of(
                new ServiceView("foo-service@myprovider", "myprovider", "enabled", List.of(), "loadbalancer",
                        new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec("http://127.0.0.1", null, null)),
                                null, false, null, null, null, null, null), null, null, null),
                        Map.of("http://127.0.0.1", "UP"), List.of("bar@myprovider", "test@myprovider")),
                new ServiceView("other@file", "file", "warning", List.of("1 of 2 servers down"), "loadbalancer",
                        new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec("http://10.0.0.1", 1, null),
                                new ServerSpec("http://10.0.0.2", 1, null)), null, null, null, null, null, null, null),
                                null, null, null),
                        Map.of("http://10.0.0.1", "UP", "http://10.0.0.2", "DOWN"), List.of("broken@file")));
        List<MiddlewareView> middlewares = List.of(
                new MiddlewareView("auth@myprovider", "myprovider", "enabled", List.of(), "basicAuth",
                        tree("{\"users\":[\"admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/\"],\"realm\":\"r\"}"),
                        List.of("bar@myprovider", "test@myprovider")),
                new MiddlewareView("addPrefixTest@anotherprovider", "anotherprovider", "enabled", List.of(),
                        "addPrefix", tree("{\"prefix\":\"/toto\"}"), List.of("bar@myprovider")),
                new MiddlewareView("addPrefixTest@myprovider", "myprovider", "enabled", List.of(), "addPrefix",
                        tree("{\"prefix\":\"/titi\"}"), List.of("test@myprovider")));
        return new ConfigView("sha256:0a1b2c", Instant.parse("2025-01-02T03:04:05Z"), lastError, routers, services,
                middlewares);
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    record Reply(int status, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return tree(body);
        }
    }

    static HttpRequest request(HttpMethod method, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        return new HttpRequest(method, "http", "127.0.0.1:9090", path, query, new DefaultHttpHeaders(),
                Body.empty(), "HTTP/1.1");
    }

    static RequestContext ctx(io.netty.channel.EventLoop loop) {
        return new RequestContext(loop, null, null, "admin", false);
    }

    /** Reads a ready response's status, headers and whole body. */
    static Reply read(HttpResponse r) {
        if (!r.isReady()) {
            throw new AssertionError("response not ready");
        }
        AtomicReference<String> body = new AtomicReference<>();
        r.body().aggregate(1 << 22, (ByteBuf buf, Throwable err) -> {
            if (err != null) {
                throw new AssertionError(err);
            }
            try {
                body.set(buf.toString(StandardCharsets.UTF_8));
            } finally {
                buf.release();
            }
        });
        return new Reply(r.status(), r.headers(), body.get());
    }
}
