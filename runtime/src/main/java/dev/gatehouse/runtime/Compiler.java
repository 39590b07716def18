package dev.gatehouse.runtime;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.KeyPath;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.MetricsRegistry;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.router.Rule;
import dev.gatehouse.router.RuleSyntaxException;
import dev.gatehouse.router.RouteEntry;
import dev.gatehouse.runtime.internal.ElementErrors;
import dev.gatehouse.runtime.internal.MiddlewareBuilder;
import dev.gatehouse.runtime.internal.Names;
import dev.gatehouse.runtime.internal.ParsedConfig;
import dev.gatehouse.runtime.internal.Redirections;
import dev.gatehouse.runtime.internal.StatusViews;
import dev.gatehouse.runtime.spi.ProviderState;
import dev.gatehouse.server.TlsStore;
import dev.gatehouse.upstream.ServiceSet;
import dev.gatehouse.upstream.Upstreams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Compiles providers' states into a {@link RuntimeSnapshot}, off the event loops.
 *
 * <pre>
 *  parse + qualify ─▶ services (upstream) ─▶ middlewares (bind + create) ─▶ routers (rule, chain)
 *    ─▶ one RouterIndex pair per entry point ─▶ TLS store ─▶ statuses
 * </pre>
 *
 * <p>Errors belong to elements: an invalid router, service or middleware is disabled with its located error
 * and the rest compiles. Only a file that cannot be parsed (or read) stops the compile, so the last good
 * snapshot keeps serving.
 */
public final class Compiler {
    private final InstallConfig install;
    private final Map<String, MiddlewareFactory<?>> factories;
    private final Upstreams upstreams;
    private final ResourceRegistry resources;
    private final Executor blocking;
    private final MetricsRegistry metrics;
    private final ConfigLoader loader = new ConfigLoader();

    /**
     * @param install   the install config (entry points and their middlewares)
     * @param factories middleware factories by kind
     * @param upstreams the long-lived upstream side
     * @param resources the registry, between begin() and commit()/abort() of the caller
     * @param blocking  an executor for blocking work
     */
    public Compiler(InstallConfig install, Map<String, MiddlewareFactory<?>> factories, Upstreams upstreams,
                    ResourceRegistry resources, Executor blocking) {
        this(install, factories, upstreams, resources, blocking, MetricsRegistry.NOOP);
    }

    /**
     * @param install   the install config (entry points and their middlewares)
     * @param factories middleware factories by kind
     * @param upstreams the long-lived upstream side
     * @param resources the registry, between begin() and commit()/abort() of the caller
     * @param blocking  an executor for blocking work
     * @param metrics   where middlewares publish their own counters
     */
    public Compiler(InstallConfig install, Map<String, MiddlewareFactory<?>> factories, Upstreams upstreams,
                    ResourceRegistry resources, Executor blocking, MetricsRegistry metrics) {
        this.metrics = metrics;
        this.install = install;
        this.factories = factories;
        this.upstreams = upstreams;
        this.resources = resources;
        this.blocking = blocking;
    }

    /**
     * Compiles.
     *
     * @param states the latest state of every provider
     * @return the outcome; its service set must be activated or retired by the caller
     */
    public CompileOutcome compile(Map<String, ProviderState> states) {
        ParsedConfig pc = ParsedConfig.parse(states, loader);
        if (!pc.fatal.isEmpty()) {
            return new CompileOutcome(null, null, List.copyOf(pc.fatal));
        }
        ElementErrors errors = new ElementErrors();
        pc.rejected.forEach(r -> r.errors().forEach(d -> errors.add(kindKey(r.kind()) + r.name(), d)));

        ServiceSet services = buildServices(pc, errors);
        MiddlewareBuilder middlewares = new MiddlewareBuilder(pc, factories, resources, blocking, errors, metrics);
        middlewares.buildAll();

        Map<String, List<RouteEntry<Route>>> plain = new LinkedHashMap<>();
        Map<String, List<RouteEntry<Route>>> tls = new LinkedHashMap<>();
        install.entryPoints().keySet().forEach(ep -> {
            plain.put(ep, new ArrayList<>());
            tls.put(ep, new ArrayList<>());
        });
        Map<String, List<String>> routerEntryPoints = new LinkedHashMap<>();
        java.util.Set<String> active = new java.util.HashSet<>();
        for (ParsedConfig.Element<RouterSpec> r : pc.routers.values()) {
            if (compileRouter(r, services, middlewares, errors, plain, tls, routerEntryPoints)) {
                active.add(r.name());
            }
        }
        Redirections.add(install, factories, plain);

        Map<String, EntryPointRoutes> routes = new LinkedHashMap<>();
        for (String ep : install.entryPoints().keySet()) {
            routes.put(ep, new EntryPointRoutes(dev.gatehouse.router.RouterIndex.build(plain.get(ep)),
                    dev.gatehouse.router.RouterIndex.build(tls.get(ep))));
        }
        TlsStore.Result tlsResult = TlsStore.build(pc.tls, pc.tlsBaseDir);
        tlsResult.errors().forEach(d -> errors.add("tls:", d));
        TlsStore store = tlsResult.store() != null ? tlsResult.store() : TlsStore.defaultOnly();

        String revision = revision(states);
        Instant now = Instant.now();
        var status = StatusViews.build(pc, services, middlewares, errors, routerEntryPoints, active, revision, now);
        RuntimeSnapshot snap = new RuntimeSnapshot(revision, now, routes, store, services, status);
        return new CompileOutcome(snap, services, errors.all());
    }

    private ServiceSet buildServices(ParsedConfig pc, ElementErrors errors) {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        pc.services.forEach((n, e) -> specs.put(n, e.spec()));
        Map<String, ServersTransportSpec> transports = new LinkedHashMap<>();
        pc.transports.forEach((n, e) -> transports.put(n, e.spec()));
        java.nio.file.Path base = pc.services.values().stream().findFirst()
                .map(ParsedConfig.Element::baseDir).orElse(java.nio.file.Path.of("."));
        ServiceSet set = upstreams.build(specs, transports, base);
        set.errors().forEach((name, ex) -> {
            ParsedConfig.Element<ServiceSpec> el = pc.services.get(name);
            Diagnostic d = el == null ? new Diagnostic("", 0, 0, "", ex.getMessage())
                    : el.map().at(ex.keyPath().isEmpty() ? el.path() : KeyPath.join(el.path(), ex.keyPath()),
                    ex.getMessage());
            errors.add("service:" + name, d);
        });
        return set;
    }

    /** @return true when the router went into at least one index */
    private boolean compileRouter(ParsedConfig.Element<RouterSpec> el, ServiceSet services,
                               MiddlewareBuilder middlewares, ElementErrors errors,
                               Map<String, List<RouteEntry<Route>>> plain,
                               Map<String, List<RouteEntry<Route>>> tls,
                               Map<String, List<String>> routerEntryPoints) {
        String key = "router:" + el.name();
        RouterSpec spec = el.spec();
        int before = errors.all().size();
        Rule rule = null;
        try {
            rule = Rule.parse(spec.rule());
        } catch (RuleSyntaxException e) {
            errors.add(key, el.map().at(KeyPath.child(el.path(), "rule"), Math.max(0, e.column() - 1),
                    e.getMessage()));
        }
        if (spec.tls() != null && spec.tls().options() != null && !spec.tls().options().isEmpty()
                && !Names.localName(spec.tls().options()).equals("default")) {
            // Never ignored silently: the router serves with tls.options.default and says so.
            errors.add(key, el.map().at(KeyPath.child(KeyPath.child(el.path(), "tls"), "options"),
                    "per-router TLS options are not supported yet; tls.options.default applies to this router"));
        }
        String serviceName = Names.qualify(spec.service(), el.provider());
        HttpHandler service = services.handler(serviceName);
        if (service == null) {
            String why = services.errors().containsKey(serviceName) ? "is invalid" : "does not exist";
            errors.add(key, el.map().at(KeyPath.child(el.path(), "service"),
                    "the service \"" + serviceName + "\" " + why));
        }
        List<String> eps = spec.entryPoints() == null || spec.entryPoints().isEmpty()
                ? List.copyOf(install.entryPoints().keySet()) : spec.entryPoints();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < eps.size(); i++) {
            if (install.entryPoints().containsKey(eps.get(i))) {
                valid.add(eps.get(i));
            } else {
                errors.add(key, el.map().at(KeyPath.index(KeyPath.child(el.path(), "entryPoints"), i),
                        "entry point \"" + eps.get(i) + "\" does not exist (expected one of "
                                + String.join(", ", install.entryPoints().keySet()) + ")"));
            }
        }
        routerEntryPoints.put(el.name(), valid);
        List<String> declared = spec.middlewares() == null ? List.of() : spec.middlewares();
        List<Middleware> chain = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            String m = Names.qualify(declared.get(i), el.provider());
            Middleware built = middlewares.get(m);
            if (built == null) {
                String why = middlewares.exists(m) ? "is invalid" : "does not exist";
                errors.add(key, el.map().at(KeyPath.index(KeyPath.child(el.path(), "middlewares"), i),
                        "middleware \"" + m + "\" " + why));
            } else {
                chain.add(built);
            }
        }
        if (errors.all().size() > before && (rule == null || service == null || valid.isEmpty()
                || chain.size() < declared.size())) {
            return false;
        }
        boolean added = false;
        for (String ep : valid) {
            List<Middleware> epChain = entryPointMiddlewares(ep, middlewares, errors, key);
            if (epChain == null) {
                continue; // never serve without an entry point's middleware (it may be authentication)
            }
            List<Middleware> full = new ArrayList<>(epChain);
            full.addAll(chain);
            Route route = new Route(el.name(), serviceName, Middleware.compose(full, service));
            RouteEntry<Route> entry = RouteEntry.of(el.name(), rule,
                    spec.priority() == null ? 0 : spec.priority(), route);
            (spec.tls() != null ? tls : plain).get(ep).add(entry);
            added = true;
        }
        return added;
    }

    /** @return the entry point's middlewares, or null when one of them is missing or invalid */
    private List<Middleware> entryPointMiddlewares(String ep, MiddlewareBuilder middlewares,
                                                   ElementErrors errors, String routerKey) {
        EntryPointSpec spec = install.entryPoints().get(ep);
        if (spec.http() == null || spec.http().middlewares() == null) {
            return List.of();
        }
        List<Middleware> out = new ArrayList<>();
        for (String ref : spec.http().middlewares()) {
            String q = Names.qualify(ref, "file");
            Middleware m = middlewares.get(q);
            if (m == null) {
                errors.add(routerKey, new Diagnostic("", 0, 0, "entryPoints." + ep + ".http.middlewares",
                        "middleware \"" + q + "\" " + (middlewares.exists(q) ? "is invalid" : "does not exist")));
                return null;
            }
            out.add(m);
        }
        return out;
    }

    private static String kindKey(String kind) {
        return switch (kind) {
            case "routers" -> "router:";
            case "services" -> "service:";
            case "middlewares" -> "middleware:";
            case "serversTransports" -> "transport:";
            default -> "other:";
        };
    }

    private static String revision(Map<String, ProviderState> states) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(states).forEach((k, v) -> sb.append(k).append('=').append(v.contentHash()).append(';'));
        ProviderState combined = new ProviderState("all", List.of(new ProviderState.Source("", sb.toString())),
                java.nio.file.Path.of("."), null);
        return combined.contentHash().substring(0, 16);
    }
}
