package dev.gatehouse.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.dynamic.HttpSection;
import dev.gatehouse.config.dynamic.MiddlewareSpec;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.TlsOptionsSpec;
import dev.gatehouse.config.dynamic.TlsSection;
import dev.gatehouse.config.dynamic.TlsStoreSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a dynamic file's tree into a {@link DynamicConfig} element by element. An element (router, service,
 * middleware, servers transport, TLS certificate, option or store) with any error is left out and its path
 * is added to the invalid set; the rest of the file still applies.
 */
public final class DynamicAssembler {
    private static final List<String> ROOT_KEYS = List.of("http", "tls");
    private static final List<String> HTTP_KEYS = List.of("routers", "services", "middlewares", "serversTransports");
    private static final List<String> TLS_KEYS = List.of("certificates", "options", "stores");

    private final SourceMap map;
    private final List<Diagnostic> errors;
    private final Set<String> invalid = new LinkedHashSet<>();
    private final DynamicValidator validator;
    /** Diagnostics found while parsing (duplicate keys), which also invalidate the element they are in. */
    private final List<Diagnostic> earlier;

    private DynamicAssembler(SourceMap map, List<Diagnostic> errors) {
        this.map = map;
        this.errors = errors;
        this.earlier = List.copyOf(errors);
        this.validator = new DynamicValidator(map);
    }

    /**
     * The result of assembling one file.
     *
     * @param config  the config without invalid elements
     * @param invalid the invalid elements' paths
     */
    public record Assembled(DynamicConfig config, Set<String> invalid) {
    }

    /**
     * Assembles a parsed file.
     *
     * @param root   the file's top-level object
     * @param map    its positions
     * @param errors where diagnostics go; diagnostics already in it (from parsing) invalidate their elements
     * @return the config and the invalid elements
     */
    public static Assembled assemble(JsonNode root, SourceMap map, List<Diagnostic> errors) {
        DynamicAssembler a = new DynamicAssembler(map, errors);
        HttpSection http = HttpSection.empty();
        TlsSection tls = TlsSection.empty();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            if (key.equalsIgnoreCase("http")) {
                http = a.http(field.getValue(), key);
            } else if (key.equalsIgnoreCase("tls")) {
                tls = a.tls(field.getValue(), key);
            } else {
                a.unknown(key, key, ROOT_KEYS, Unsupported.DYNAMIC_ROOT);
            }
        }
        return new Assembled(new DynamicConfig(http, tls), a.invalid);
    }

    private HttpSection http(JsonNode node, String path) {
        Map<String, RouterSpec> routers = Map.of();
        Map<String, ServiceSpec> services = Map.of();
        Map<String, MiddlewareSpec> middlewares = Map.of();
        Map<String, ServersTransportSpec> transports = Map.of();
        if (!isSection(node, path)) {
            return HttpSection.empty();
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            String child = KeyPath.child(path, key);
            JsonNode value = field.getValue();
            switch (match(key, HTTP_KEYS)) {
                case "routers" -> routers = elements(value, child, RouterSpec.class, validator::router);
                case "services" -> services = elements(value, child, ServiceSpec.class, validator::service);
                case "middlewares" -> middlewares = middlewares(value, child);
                case "serversTransports" ->
                        transports = elements(value, child, ServersTransportSpec.class, validator::transport);
                case null, default -> unknown(key, child, HTTP_KEYS, List.of("models"));
            }
        }
        return new HttpSection(routers, services, middlewares, transports);
    }

    private TlsSection tls(JsonNode node, String path) {
        List<CertificateSpec> certificates = List.of();
        Map<String, TlsOptionsSpec> options = Map.of();
        Map<String, TlsStoreSpec> stores = Map.of();
        if (!isSection(node, path)) {
            return TlsSection.empty();
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            String child = KeyPath.child(path, key);
            JsonNode value = field.getValue();
            switch (match(key, TLS_KEYS)) {
                case "certificates" -> certificates = certificates(value, child);
                case "options" -> options = elements(value, child, TlsOptionsSpec.class, validator::tlsOptions);
                case "stores" -> stores = elements(value, child, TlsStoreSpec.class, validator::tlsStore);
                case null, default -> unknown(key, child, TLS_KEYS, List.of());
            }
        }
        return new TlsSection(certificates, options, stores);
    }

    private <T> Map<String, T> elements(JsonNode node, String path, Class<T> type, Check<T> check) {
        Map<String, T> result = new LinkedHashMap<>();
        if (!isSection(node, path)) {
            return result;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String elementPath = KeyPath.child(path, name);
            List<Diagnostic> local = new ArrayList<>();
            checkName(name, elementPath, local);
            T value = type.cast(new Binder(map, local).bind(field.getValue(), type, elementPath));
            if (value != null) {
                check.validate(name, value, elementPath, local);
            }
            keep(result, name, value, elementPath, local);
        }
        return Collections.unmodifiableMap(result);
    }

    private Map<String, MiddlewareSpec> middlewares(JsonNode node, String path) {
        Map<String, MiddlewareSpec> result = new LinkedHashMap<>();
        if (!isSection(node, path)) {
            return result;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String elementPath = KeyPath.child(path, field.getKey());
            List<Diagnostic> local = new ArrayList<>();
            checkName(field.getKey(), elementPath, local);
            MiddlewareSpec spec = middleware(field.getValue(), elementPath, local);
            keep(result, field.getKey(), spec, elementPath, local);
        }
        return Collections.unmodifiableMap(result);
    }

    private MiddlewareSpec middleware(JsonNode node, String path, List<Diagnostic> local) {
        if (!node.isObject() || node.size() != 1) {
            local.add(map.at(path, "a middleware needs exactly one kind key, such as stripPrefix or basicAuth"
                    + (node.isObject() && node.size() > 1 ? " (found " + String.join(", ", names(node))
                    + ")" : "")));
            return null;
        }
        String kind = names(node).getFirst();
        JsonNode config = node.get(kind);
        String configPath = KeyPath.child(path, kind);
        if (kind.equalsIgnoreCase("plugin")) {
            if (!config.isObject() || config.size() != 1) {
                local.add(map.at(configPath, "\"plugin\" needs exactly one plugin name key, such as jwt"));
                return null;
            }
            kind = names(config).getFirst();
            configPath = KeyPath.child(configPath, kind);
            config = config.get(kind);
        }
        if (config.isNull()) {
            config = JsonNodeFactory.instance.objectNode();
        } else if (!config.isObject()) {
            local.add(map.at(configPath, "expected an object with the middleware's settings, got "
                    + Scalars.describe(config)));
            return null;
        }
        return new MiddlewareSpec(kind, config, configPath);
    }

    private List<CertificateSpec> certificates(JsonNode node, String path) {
        List<CertificateSpec> result = new ArrayList<>();
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(map.at(path, "expected a list of certificates, got " + Scalars.describe(node)));
            return List.of();
        }
        for (int i = 0; i < node.size(); i++) {
            String elementPath = KeyPath.index(path, i);
            List<Diagnostic> local = new ArrayList<>();
            CertificateSpec cert = (CertificateSpec) new Binder(map, local)
                    .bind(node.get(i), CertificateSpec.class, elementPath);
            if (cert != null) {
                validator.certificate(cert, elementPath, local);
            }
            if (local.isEmpty() && cert != null && !hasEarlierError(elementPath)) {
                result.add(cert);
            } else {
                invalid.add(elementPath);
                errors.addAll(local);
            }
        }
        return List.copyOf(result);
    }

    private <T> void keep(Map<String, T> result, String name, T value, String path, List<Diagnostic> local) {
        if (hasEarlierError(path)) {
            invalid.add(path);
            errors.addAll(local);
        } else if (local.isEmpty() && value != null) {
            result.put(name, value);
        } else {
            if (local.isEmpty()) {
                local.add(map.at(path, "expected an object"));
            }
            invalid.add(path);
            errors.addAll(local);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private boolean hasEarlierError(String path) {
        return earlier.stream().anyMatch(d -> !d.keyPath().isEmpty() && KeyPath.isWithin(path, d.keyPath()));
    }

    private void checkName(String name, String path, List<Diagnostic> local) {
        if (name.contains("@")) {
            local.add(map.at(path, "names cannot contain \"@\" (it separates a name from its provider)"));
        }
    }

    private boolean isSection(JsonNode node, String path) {
        if (node.isObject()) {
            return true;
        }
        if (!node.isNull()) {
            errors.add(map.at(path, "expected an object, got " + Scalars.describe(node)));
        }
        return false;
    }

    private void unknown(String key, String path, List<String> known, List<String> unsupported) {
        String traefikKey = match(key, unsupported);
        errors.add(map.at(path, traefikKey != null ? Unsupported.message(traefikKey) : Suggest.unknownKey(key, known)));
    }

    /** @return the known key that equals {@code key} ignoring case, or null (Traefik ignores key case) */
    private static String match(String key, List<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        return null;
    }

    /** Checks one bound element; adds diagnostics for what binding cannot see. */
    @FunctionalInterface
    interface Check<T> {
        void validate(String name, T value, String path, List<Diagnostic> out);
    }
}
