package dev.gatehouse.runtime.internal;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.ConfigMerger;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.LoadResult;
import dev.gatehouse.config.SourceMap;
import dev.gatehouse.config.dynamic.DynamicConfig;
import dev.gatehouse.config.dynamic.MiddlewareSpec;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.TlsSection;
import dev.gatehouse.runtime.spi.ProviderState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every provider's config, parsed, merged and qualified ({@code name@provider}), with where each element
 * came from. Elements the loader rejected are kept apart, with their errors, so the admin API can show them.
 */
public final class ParsedConfig {
    /**
     * One element.
     *
     * @param name     the qualified name
     * @param provider the provider
     * @param spec     the spec, references qualified
     * @param path     its key path in its file
     * @param map      the positions of its file(s)
     * @param baseDir  where relative file names in it resolve
     * @param <T>      the spec type
     */
    public record Element<T>(String name, String provider, T spec, String path, SourceMap map, Path baseDir) {
    }

    /**
     * An element left out by the loader.
     *
     * @param kind   {@code routers}, {@code services}, {@code middlewares} or {@code serversTransports}
     * @param name   the qualified name
     * @param errors its errors
     */
    public record Rejected(String kind, String name, List<Diagnostic> errors) {
    }

    public final Map<String, Element<RouterSpec>> routers = new LinkedHashMap<>();
    public final Map<String, Element<ServiceSpec>> services = new LinkedHashMap<>();
    public final Map<String, Element<MiddlewareSpec>> middlewares = new LinkedHashMap<>();
    public final Map<String, Element<ServersTransportSpec>> transports = new LinkedHashMap<>();
    public final List<Rejected> rejected = new ArrayList<>();
    public final List<Diagnostic> fatal = new ArrayList<>();
    public TlsSection tls = TlsSection.empty();
    public Path tlsBaseDir = Path.of(".");

    /**
     * Parses providers' states.
     *
     * @param states the latest state per provider
     * @param loader the loader
     * @return the parsed config; {@link #fatal} is non-empty when a file could not be used at all
     */
    public static ParsedConfig parse(Map<String, ProviderState> states, ConfigLoader loader) {
        ParsedConfig pc = new ParsedConfig();
        for (ProviderState st : states.values()) {
            if (st.readError() != null) {
                pc.fatal.add(new Diagnostic("", 0, 0, "providers." + st.provider(), st.readError()));
                continue;
            }
            List<LoadResult<DynamicConfig>> files = new ArrayList<>();
            for (ProviderState.Source src : st.sources()) {
                LoadResult<DynamicConfig> r = loader.loadDynamic(src.name(), src.content());
                if (r.value() == null) {
                    pc.fatal.addAll(r.errors());
                }
                files.add(r);
            }
            if (!pc.fatal.isEmpty()) {
                continue;
            }
            LoadResult<DynamicConfig> merged = files.size() == 1 ? files.getFirst() : ConfigMerger.merge(files);
            pc.add(st.provider(), merged, st.baseDir());
        }
        return pc;
    }

    /** Decodes the last segment of a key path: {@code .name} or {@code ["na.me"]}. */
    static String lastName(String segment) {
        if (segment.startsWith(".")) {
            return segment.substring(1);
        }
        if (segment.startsWith("[\"") && segment.endsWith("\"]")) {
            return segment.substring(2, segment.length() - 2).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return segment;
    }

    private void add(String provider, LoadResult<DynamicConfig> r, Path baseDir) {
        SourceMap map = r.sourceMap();
        DynamicConfig c = r.value();
        if (c == null) {
            fatal.addAll(r.errors());
            return;
        }
        c.http().routers().forEach((n, s) -> routers.put(Names.qualify(n, provider),
                new Element<>(Names.qualify(n, provider), provider, s, KeyPath.of("http", "routers", n), map, baseDir)));
        c.http().services().forEach((n, s) -> services.put(Names.qualify(n, provider),
                new Element<>(Names.qualify(n, provider), provider, Qualifier.service(s, provider),
                        KeyPath.of("http", "services", n), map, baseDir)));
        c.http().middlewares().forEach((n, s) -> middlewares.put(Names.qualify(n, provider),
                new Element<>(Names.qualify(n, provider), provider, s, KeyPath.of("http", "middlewares", n), map,
                        baseDir)));
        c.http().serversTransports().forEach((n, s) -> transports.put(Names.qualify(n, provider),
                new Element<>(Names.qualify(n, provider), provider, s, KeyPath.of("http", "serversTransports", n),
                        map, baseDir)));
        if (c.tls() != null && (!c.tls().certificates().isEmpty() || !c.tls().options().isEmpty()
                || !c.tls().stores().isEmpty())) {
            tls = c.tls();
            tlsBaseDir = baseDir;
        }
        for (String path : r.invalidElements()) {
            String parent = KeyPath.parent(path);
            if (parent != null && parent.startsWith("http.") && parent.indexOf('.', 5) < 0) {
                String name = lastName(path.substring(parent.length()));
                rejected.add(new Rejected(parent.substring(5), Names.qualify(name, provider), r.errorsFor(path)));
            }
        }
        // Errors outside any element (the tls section, say) are reported but do not stop the rest.
        for (Diagnostic d : r.errors()) {
            boolean inElement = r.invalidElements().stream().anyMatch(p -> KeyPath.isWithin(p, d.keyPath()));
            if (!inElement) {
                rejected.add(new Rejected("other", d.keyPath(), List.of(d)));
            }
        }
    }
}
