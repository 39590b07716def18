package dev.gatehouse.runtime.internal;

import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.config.SpecBindingException;
import dev.gatehouse.config.dynamic.MiddlewareSpec;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.runtime.ResourceRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Builds the middlewares of one compile: binds each spec to its factory's spec type, then creates it. Built
 * on demand and memoised, so a chain can refer to middlewares in any order; a cycle is an error.
 */
public final class MiddlewareBuilder {
    private static final Object FAILED = new Object();

    private final ParsedConfig config;
    private final Map<String, MiddlewareFactory<?>> factories;
    private final ResourceRegistry resources;
    private final Executor blocking;
    private final MetricsRegistry metrics;
    private final ElementErrors errors;
    private final Map<String, Object> built = new HashMap<>();
    private final Set<String> building = new HashSet<>();

    /**
     * @param config    the parsed config
     * @param factories factories by kind
     * @param resources the registry for long-lived state
     * @param blocking  an executor for blocking work
     * @param metrics   where middlewares publish their own counters
     * @param errors    where errors go, under {@code middleware:NAME}
     */
    public MiddlewareBuilder(ParsedConfig config, Map<String, MiddlewareFactory<?>> factories,
                             ResourceRegistry resources, Executor blocking, ElementErrors errors,
                             MetricsRegistry metrics) {
        this.metrics = metrics;
        this.config = config;
        this.factories = factories;
        this.resources = resources;
        this.blocking = blocking;
        this.errors = errors;
    }

    /** Builds every middleware, so each gets a status even when no router uses it. */
    public void buildAll() {
        for (String name : config.middlewares.keySet()) {
            get(name);
        }
    }

    /**
     * @param name a qualified name
     * @return the middleware, or null when it is missing or invalid (its errors are recorded)
     */
    public Middleware get(String name) {
        Object m = built.get(name);
        if (m == null) {
            m = build(name);
            built.put(name, m);
        }
        return m == FAILED ? null : (Middleware) m;
    }

    /**
     * @param name a qualified name
     * @return true when it exists in the config (valid or not)
     */
    public boolean exists(String name) {
        return config.middlewares.containsKey(name)
                || config.rejected.stream().anyMatch(r -> r.kind().equals("middlewares") && r.name().equals(name));
    }

    private Object build(String name) {
        ParsedConfig.Element<MiddlewareSpec> el = config.middlewares.get(name);
        if (el == null) {
            return FAILED;
        }
        String key = "middleware:" + name;
        MiddlewareSpec spec = el.spec();
        String configPath = spec.configPath() != null ? spec.configPath() : KeyPath.child(el.path(), spec.kind());
        MiddlewareFactory<?> factory = factories.get(spec.kind());
        if (factory == null) {
            errors.add(key, el.map().at(KeyPath.child(el.path(), spec.kind()), "unknown middleware type \""
                    + spec.kind() + "\" (expected one of " + String.join(", ", factories.keySet()) + ")"));
            return FAILED;
        }
        if (!building.add(name)) {
            errors.add(key, el.map().at(configPath, "middleware \"" + name + "\" refers to itself through a chain"));
            return FAILED;
        }
        try {
            return create(factory, spec, el, configPath);
        } catch (SpecBindingException e) {
            e.diagnostics().forEach(d -> errors.add(key, d));
        } catch (InvalidSpecException e) {
            String at = e.keyPath().isEmpty() ? configPath : KeyPath.join(configPath, e.keyPath());
            errors.add(key, el.map().at(at, e.getMessage()));
        } catch (RuntimeException e) {
            errors.add(key, el.map().at(configPath, "cannot build: " + e));
        } finally {
            building.remove(name);
        }
        return FAILED;
    }

    private <S> Middleware create(MiddlewareFactory<S> factory, MiddlewareSpec spec,
                                  ParsedConfig.Element<MiddlewareSpec> el, String configPath) {
        S bound = SpecBinder.bind(spec.config(), factory.specType(), configPath, el.map());
        return factory.create(bound, new Context(el.name(), el.provider(), el.baseDir()));
    }

    /** What a factory sees while it builds one middleware. */
    private final class Context implements BuildContext {
        private final String name;
        private final String provider;
        private final Path baseDir;

        Context(String name, String provider, Path baseDir) {
            this.name = name;
            this.provider = provider;
            this.baseDir = baseDir;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Path baseDir() {
            return baseDir;
        }

        @Override
        public <R extends AutoCloseable> R resource(String key, Object spec, Supplier<R> factory) {
            return resources.resource("middleware:" + name + ":" + key, spec, factory);
        }

        @Override
        public Middleware middleware(String reference) {
            String q = Names.qualify(reference, provider);
            if (!exists(q)) {
                throw new InvalidSpecException("middlewares", "middleware \"" + q + "\" does not exist");
            }
            Middleware m = get(q);
            if (m == null) {
                throw new InvalidSpecException("middlewares", "middleware \"" + q + "\" is invalid");
            }
            return m;
        }

        @Override
        public Executor blockingExecutor() {
            return blocking;
        }

        @Override
        public MetricsRegistry metrics() {
            return metrics;
        }
    }

    /**
     * An error for a middleware that is not in any file.
     *
     * @param name the qualified name
     * @return a diagnostic with no position
     */
    public static Diagnostic missing(String name) {
        return new Diagnostic("", 0, 0, "", "middleware \"" + name + "\" does not exist");
    }
}
