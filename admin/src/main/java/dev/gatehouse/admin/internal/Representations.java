package dev.gatehouse.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.admin.ConfigView;
import dev.gatehouse.admin.EntryPointView;
import dev.gatehouse.admin.MiddlewareView;
import dev.gatehouse.admin.RouterView;
import dev.gatehouse.admin.ServiceView;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.observability.Redactor;
import java.util.List;
import java.util.Locale;

/**
 * Builds Traefik's JSON shapes from the views. List and item endpoints carry {@code name}, {@code provider}
 * and {@code type}; {@code /api/rawdata} leaves them out and keys the maps by name instead, as Traefik does.
 * Middleware and service settings pass through {@link Redactor#redactTree} so credentials never leave.
 */
public final class Representations {
    private Representations() {
    }

    /**
     * @param v        the router
     * @param identity add {@code name} and {@code provider}
     * @return its JSON
     */
    public static ObjectNode router(RouterView v, boolean identity) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        strings(n, "entryPoints", v.entryPoints());
        strings(n, "middlewares", v.middlewares());
        n.put("service", v.service());
        n.put("rule", v.rule());
        if (v.priority() != null) {
            n.put("priority", v.priority());
        }
        if (v.tls() != null) {
            ObjectNode tls = Json.object(v.tls());
            if (!tls.hasNonNull("options")) {
                tls.put("options", "default");
            }
            n.set("tls", tls);
        }
        common(n, v.status(), v.errors());
        strings(n, "using", v.using());
        if (identity) {
            identity(n, v.name(), v.provider(), null);
        }
        return n;
    }

    /**
     * @param v        the service
     * @param identity add {@code name}, {@code provider} and {@code type}
     * @return its JSON
     */
    public static ObjectNode service(ServiceView v, boolean identity) {
        ObjectNode n = (ObjectNode) Redactor.redactTree(Json.object(v.spec()));
        common(n, v.status(), v.errors());
        strings(n, "usedBy", v.usedBy());
        if (v.serverStatus() != null && !v.serverStatus().isEmpty()) {
            ObjectNode s = n.putObject("serverStatus");
            v.serverStatus().forEach(s::put);
        }
        if (identity) {
            identity(n, v.name(), v.provider(), v.type());
        }
        return n;
    }

    /**
     * @param v        the middleware
     * @param identity add {@code name}, {@code provider} and {@code type}
     * @return its JSON
     */
    public static ObjectNode middleware(MiddlewareView v, boolean identity) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (v.type() != null) {
            n.set(v.type(), Redactor.redactTree(Json.object(v.spec())));
        }
        common(n, v.status(), v.errors());
        strings(n, "usedBy", v.usedBy());
        if (identity) {
            identity(n, v.name(), v.provider(), v.type());
        }
        return n;
    }

    /**
     * @param v the entry point
     * @return its settings plus {@code name}
     */
    public static ObjectNode entryPoint(EntryPointView v) {
        ObjectNode n = Json.object(v.spec());
        n.put("name", v.name());
        return n;
    }

    /**
     * {@code /api/overview}: counts per kind, features, providers, and Gatehouse's config fields.
     *
     * @param c       the config
     * @param install the install config, for features and providers; may be null
     * @param metrics true when Prometheus metrics are served
     * @return the JSON
     */
    public static ObjectNode overview(ConfigView c, InstallConfig install, boolean metrics) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode http = n.putObject("http");
        http.set("routers", section(c.routers().stream().map(RouterView::status).toList()));
        http.set("services", section(c.services().stream().map(ServiceView::status).toList()));
        http.set("middlewares", section(c.middlewares().stream().map(MiddlewareView::status).toList()));
        // Gatehouse has no TCP or UDP routing yet; the empty sections keep Traefik clients happy.
        ObjectNode tcp = n.putObject("tcp");
        tcp.set("routers", section(List.of()));
        tcp.set("services", section(List.of()));
        tcp.set("middlewares", section(List.of()));
        ObjectNode udp = n.putObject("udp");
        udp.set("routers", section(List.of()));
        udp.set("services", section(List.of()));
        ObjectNode features = n.putObject("features");
        features.put("tracing", "");
        features.put("metrics", metrics ? "Prometheus" : "");
        features.put("accessLog", install != null && install.accessLog() != null);
        features.put("hub", false);
        ArrayNode providers = n.putArray("providers");
        if (install != null && install.providers() != null && install.providers().file() != null) {
            providers.add("File");
        }
        gatehouse(n, c);
        return n;
    }

    /**
     * {@code /api/rawdata}: every element keyed by qualified name, plus Gatehouse's config fields.
     *
     * @param c the config
     * @return the JSON
     */
    public static ObjectNode rawData(ConfigView c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (!c.routers().isEmpty()) {
            ObjectNode m = n.putObject("routers");
            c.routers().forEach(r -> m.set(r.name(), router(r, false)));
        }
        if (!c.middlewares().isEmpty()) {
            ObjectNode m = n.putObject("middlewares");
            c.middlewares().forEach(r -> m.set(r.name(), middleware(r, false)));
        }
        if (!c.services().isEmpty()) {
            ObjectNode m = n.putObject("services");
            c.services().forEach(r -> m.set(r.name(), service(r, false)));
        }
        gatehouse(n, c);
        return n;
    }

    private static void gatehouse(ObjectNode n, ConfigView c) {
        if (c.revision() != null) {
            n.put("revision", c.revision());
        }
        if (c.appliedAt() != null) {
            n.put("appliedAt", c.appliedAt().toString());
        }
        if (c.lastError() != null) {
            ObjectNode e = Json.object(c.lastError());
            e.put("text", c.lastError().toString());
            n.set("lastError", e);
        }
    }

    private static ObjectNode section(List<String> statuses) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("total", statuses.size());
        s.put("warnings", statuses.stream().filter("warning"::equalsIgnoreCase).count());
        s.put("errors", statuses.stream().filter("disabled"::equalsIgnoreCase).count());
        return s;
    }

    private static void common(ObjectNode n, String status, List<String> errors) {
        if (errors != null && !errors.isEmpty()) {
            strings(n, "error", errors);
        }
        if (status != null) {
            n.put("status", status);
        }
    }

    private static void identity(ObjectNode n, String name, String provider, String type) {
        n.put("name", name);
        n.put("provider", provider != null ? provider : providerOf(name));
        if (type != null) {
            n.put("type", type.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * @param name a qualified name
     * @return the part after {@code @}, or an empty string
     */
    public static String providerOf(String name) {
        int at = name == null ? -1 : name.indexOf('@');
        return at < 0 ? "" : name.substring(at + 1);
    }

    private static void strings(ObjectNode n, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode a = n.putArray(field);
            values.forEach(a::add);
        }
    }
}
