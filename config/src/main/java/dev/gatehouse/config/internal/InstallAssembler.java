package dev.gatehouse.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.EntryPointAddress;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SourceMap;
import dev.gatehouse.config.install.AccessLogSpec;
import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.config.install.LogSpec;
import dev.gatehouse.config.install.ProvidersSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds and checks the install config. Unlike routing files, the install config has no elements to disable:
 * any error stops the start, so every problem is reported at once.
 */
public final class InstallAssembler {
    private static final List<String> LOG_LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");
    private static final List<String> TRAEFIK_ONLY_LEVELS = List.of("TRACE", "FATAL", "PANIC");
    private static final List<String> FORMATS = List.of("common", "json");
    private final SourceMap map;
    private final List<Diagnostic> errors;

    private InstallAssembler(SourceMap map, List<Diagnostic> errors) {
        this.map = map;
        this.errors = errors;
    }

    /**
     * Substitutes the environment, binds and checks.
     *
     * @param root   the file's top-level object
     * @param env    the environment for {@code ${VAR}}
     * @param map    positions
     * @param errors where diagnostics go
     * @return the config (parts with errors are null or absent)
     */
    public static InstallConfig assemble(ObjectNode root, Map<String, String> env, SourceMap map,
                                         List<Diagnostic> errors) {
        EnvSubstitution.apply(root, env, map, errors);
        InstallAssembler a = new InstallAssembler(map, errors);
        a.global(root);
        InstallConfig config = (InstallConfig) new Binder(map, errors).bind(root, InstallConfig.class, "");
        if (config != null) {
            a.check(config);
        }
        return config;
    }

    /**
     * Traefik's {@code global} section only switches off phoning home, which Gatehouse never does: false is
     * accepted, true is reported. The section is taken out of the tree before binding.
     */
    private void global(ObjectNode root) {
        String key = root.properties().stream().map(Map.Entry::getKey)
                .filter(k -> k.equalsIgnoreCase("global")).findFirst().orElse(null);
        if (key == null) {
            return;
        }
        JsonNode global = root.remove(key);
        if (global.isNull()) {
            return;
        }
        if (!global.isObject()) {
            errors.add(map.at(key, "expected an object, got " + Scalars.describe(global)));
            return;
        }
        List<String> known = List.of("checkNewVersion", "sendAnonymousUsage");
        for (Map.Entry<String, JsonNode> field : global.properties()) {
            String path = KeyPath.child(key, field.getKey());
            String name = known.stream().filter(k -> k.equalsIgnoreCase(field.getKey())).findFirst().orElse(null);
            JsonNode v = field.getValue();
            if (name == null) {
                errors.add(map.at(path, Suggest.unknownKey(field.getKey(), known)));
            } else if (!v.isBoolean() && !(v.isTextual() && v.asText().matches("(?i)true|false"))) {
                errors.add(map.at(path, "expected true or false, got " + Scalars.describe(v)));
            } else if (v.asBoolean() || v.asText().equalsIgnoreCase("true")) {
                errors.add(map.at(path, Unsupported.message(name) + " (Gatehouse never contacts outside services "
                        + "by itself; set it to false or remove it)"));
            }
        }
    }

    private void check(InstallConfig c) {
        if (c.entryPoints() != null) {
            c.entryPoints().forEach((name, ep) -> entryPoint(ep, KeyPath.child("entryPoints", name)));
        }
        if (c.providers() != null) {
            providers(c.providers(), "providers");
        }
        if (c.api() != null) {
            if (c.api().address() != null) {
                address(c.api().address(), KeyPath.of("api", "address"));
            }
            if (Boolean.TRUE.equals(c.api().dashboard())) {
                errors.add(map.at(KeyPath.of("api", "dashboard"), Unsupported.message("dashboard")
                        + " (the admin API is served without it)"));
            }
        }
        if (c.ping() != null && c.ping().terminatingStatusCode() != null) {
            int code = c.ping().terminatingStatusCode();
            if (code < 100 || code > 599) {
                errors.add(map.at(KeyPath.of("ping", "terminatingStatusCode"), "status " + code
                        + " is not an HTTP status (expected 100 to 599)"));
            }
        }
        if (c.log() != null) {
            log(c.log());
        }
        if (c.accessLog() != null) {
            accessLog(c.accessLog());
        }
    }

    private void entryPoint(EntryPointSpec ep, String path) {
        if (ep.address() == null || ep.address().isBlank()) {
            errors.add(map.at(path, "missing required key \"address\""));
        } else {
            address(ep.address(), KeyPath.child(path, "address"));
        }
        if (ep.http() != null) {
            String http = KeyPath.child(path, "http");
            DynamicValidator.routerTls(ep.http().tls(), KeyPath.child(http, "tls"), map, errors);
            EntryPointSpec.RedirectionsSpec r = ep.http().redirections();
            if (r != null && r.entryPoint() != null) {
                String at = KeyPath.of("http", "redirections", "entryPoint");
                at = KeyPath.join(path, at);
                if (r.entryPoint().to() == null || r.entryPoint().to().isBlank()) {
                    errors.add(map.at(at, "missing required key \"to\""));
                }
                String scheme = r.entryPoint().scheme();
                if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
                    errors.add(map.at(KeyPath.child(at, "scheme"), "unknown scheme \"" + scheme
                            + "\" (expected http or https)"));
                }
            }
        }
    }

    private void address(String address, String path) {
        try {
            EntryPointAddress.parse(address);
        } catch (IllegalArgumentException e) {
            errors.add(map.at(path, e.getMessage()));
        }
    }

    private void providers(ProvidersSpec p, String path) {
        ProvidersSpec.FileProviderSpec file = p.file();
        if (file != null && (file.filename() == null) == (file.directory() == null)) {
            errors.add(map.at(KeyPath.child(path, "file"), "the file provider needs exactly one of filename and "
                    + "directory" + (file.filename() != null ? " (both are set)" : "")));
        }
    }

    private void log(LogSpec log) {
        String level = log.level();
        if (level != null) {
            String upper = level.toUpperCase(Locale.ROOT);
            String at = KeyPath.of("log", "level");
            if (TRAEFIK_ONLY_LEVELS.contains(upper)) {
                errors.add(map.at(at, "log level \"" + level + "\" is not supported yet (expected one of DEBUG, "
                        + "INFO, WARN, ERROR)"));
            } else if (!LOG_LEVELS.contains(upper)) {
                errors.add(map.at(at, "unknown log level \"" + level + "\" (expected one of DEBUG, INFO, WARN, "
                        + "ERROR)"));
            }
        }
        format(log.format(), KeyPath.of("log", "format"));
    }

    private void accessLog(AccessLogSpec log) {
        format(log.format(), KeyPath.of("accessLog", "format"));
        if (log.bufferingSize() != null && log.bufferingSize() < 0) {
            errors.add(map.at(KeyPath.of("accessLog", "bufferingSize"), "bufferingSize must be 0 or more"));
        }
        AccessLogSpec.FieldsSpec fields = log.fields();
        if (fields == null) {
            return;
        }
        String at = KeyPath.of("accessLog", "fields");
        mode(fields.defaultMode(), List.of("keep", "drop"), KeyPath.child(at, "defaultMode"));
        if (fields.names() != null) {
            fields.names().forEach((k, v) -> mode(v, List.of("keep", "drop"),
                    KeyPath.child(KeyPath.child(at, "names"), k)));
        }
        if (fields.headers() != null) {
            String h = KeyPath.child(at, "headers");
            List<String> modes = List.of("keep", "drop", "redact");
            mode(fields.headers().defaultMode(), modes, KeyPath.child(h, "defaultMode"));
            if (fields.headers().names() != null) {
                fields.headers().names().forEach((k, v) -> mode(v, modes, KeyPath.child(KeyPath.child(h, "names"), k)));
            }
        }
    }

    private void format(String format, String path) {
        if (format == null) {
            return;
        }
        if (format.equals("genericCLF")) {
            errors.add(map.at(path, "format \"genericCLF\" is not supported yet (expected common or json)"));
        } else if (!FORMATS.contains(format)) {
            errors.add(map.at(path, "unknown format \"" + format + "\" (expected common or json)"));
        }
    }

    private void mode(String mode, List<String> allowed, String path) {
        if (mode != null && !allowed.contains(mode)) {
            errors.add(map.at(path, "unknown mode \"" + mode + "\" (expected one of " + String.join(", ", allowed)
                    + ")"));
        }
    }
}
