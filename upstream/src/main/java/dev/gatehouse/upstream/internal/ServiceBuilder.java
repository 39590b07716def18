package dev.gatehouse.upstream.internal;

import dev.gatehouse.config.dynamic.FailoverSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.MirroringSpec;
import dev.gatehouse.config.dynamic.PassiveHealthCheckSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.WeightedSpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns service specs into handlers, resolving references between services (with cycle detection) and taking
 * pools, transports and health state from {@link Resources}. One bad service never fails the others; a
 * service that references a missing or invalid one is itself invalid.
 */
public final class ServiceBuilder {
    private final Map<String, ServiceSpec> specs;
    private final Map<String, ServersTransportSpec> transports;
    private final Path baseDir;
    private final Resources resources;
    private final EventLoopGroup group;
    private final Set<Object> used = new HashSet<>();
    private final Map<String, ServiceHandler> built = new LinkedHashMap<>();
    private final Map<String, InvalidSpecException> errors = new LinkedHashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final List<ServiceHealthState> healthStates = new ArrayList<>();

    /**
     * @param specs      services by qualified name
     * @param transports servers transports by qualified name
     * @param baseDir    where relative files are resolved
     * @param resources  the long-lived resources
     * @param group      the worker group
     */
    public ServiceBuilder(Map<String, ServiceSpec> specs, Map<String, ServersTransportSpec> transports, Path baseDir,
                          Resources resources, EventLoopGroup group) {
        this.specs = specs;
        this.transports = transports == null ? Map.of() : transports;
        this.baseDir = baseDir;
        this.resources = resources;
        this.group = group;
    }

    /** Builds every service. */
    public void buildAll() {
        for (String name : specs.keySet()) {
            try {
                service(name, "");
            } catch (InvalidSpecException ignored) {
                // Recorded in errors by service().
            }
        }
    }

    /** @return handlers of the valid services */
    public Map<String, ServiceHandler> built() {
        return built;
    }

    /** @return errors of the invalid services */
    public Map<String, InvalidSpecException> errors() {
        return errors;
    }

    /** @return resource keys this build uses */
    public Set<Object> used() {
        return used;
    }

    /** @return the health state of every load balancer built */
    public List<ServiceHealthState> healthStates() {
        return healthStates;
    }

    private ServiceHandler service(String name, String refKey) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSpecException(refKey, "a service name is required");
        }
        ServiceHandler h = built.get(name);
        if (h != null) {
            return h;
        }
        InvalidSpecException prior = errors.get(name);
        if (prior != null || !specs.containsKey(name) || inProgress.contains(name)) {
            String why = prior != null ? "is invalid: " + prior.getMessage()
                    : !specs.containsKey(name) ? "does not exist" : "references itself through a cycle";
            throw new InvalidSpecException(refKey, "service \"" + name + "\" " + why);
        }
        inProgress.add(name);
        try {
            h = create(name, specs.get(name));
            built.put(name, h);
            return h;
        } catch (InvalidSpecException e) {
            errors.put(name, e);
            if (refKey.isEmpty()) {
                throw e;
            }
            throw new InvalidSpecException(refKey, "service \"" + name + "\" is invalid: " + e.getMessage());
        } finally {
            inProgress.remove(name);
        }
    }

    private ServiceHandler create(String name, ServiceSpec s) {
        int kinds = (s.loadBalancer() != null ? 1 : 0) + (s.weighted() != null ? 1 : 0)
                + (s.mirroring() != null ? 1 : 0) + (s.failover() != null ? 1 : 0);
        if (kinds != 1) {
            throw new InvalidSpecException("", "exactly one of loadBalancer, weighted, mirroring or failover must be"
                    + " set, found " + kinds);
        }
        if (s.loadBalancer() != null) {
            return loadBalancer(name, s.loadBalancer());
        }
        if (s.weighted() != null) {
            return weighted(name, s.weighted());
        }
        if (s.mirroring() != null) {
            return mirroring(name, s.mirroring());
        }
        return failover(name, s.failover());
    }

    private ServiceHandler loadBalancer(String name, LoadBalancerSpec lb) {
        String strategy = lb.strategy() == null ? "wrr" : lb.strategy();
        if (!strategy.equals("wrr") && !strategy.equals("p2c")) {
            throw new InvalidSpecException("loadBalancer.strategy", "unknown strategy \"" + strategy
                    + "\" (expected wrr or p2c)");
        }
        if (lb.servers() == null || lb.servers().isEmpty()) {
            throw new InvalidSpecException("loadBalancer.servers", "at least one server is required");
        }
        ServersTransportSpec tspec = transportSpec(lb.serversTransport());
        TransportConfig transport = resources.get(new TransportKey(tspec), used,
                () -> wrapTransportErrors(tspec));
        List<ServerEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < lb.servers().size(); i++) {
            ServerSpec srv = lb.servers().get(i);
            String key = "loadBalancer.servers[" + i + "]";
            endpoints.add(ServerEndpoint.parse(srv.url(), key + ".url"));
            if (srv.weight() != null && srv.weight() < 0) {
                throw new InvalidSpecException(key + ".weight", "must be 0 or more, got " + srv.weight());
            }
        }
        ServiceHealthState health = healthState(name, lb, endpoints, tspec, transport);
        boolean passHost = lb.passHostHeader() == null || lb.passHostHeader();
        List<Server> servers = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            ServerEndpoint ep = endpoints.get(i);
            ServerSpec srv = lb.servers().get(i);
            ConnectionPool.Key poolKey = new ConnectionPool.Key(transport, ep.tls(), ep.h2c(), ep.host(), ep.port());
            ConnectionPool pool = resources.get(poolKey, used, () -> new ConnectionPool(poolKey));
            servers.add(new Server(ep, srv.weight() == null ? 1 : srv.weight(),
                    Boolean.TRUE.equals(srv.preservePath()), passHost, pool, health.health(ep.url())));
        }
        StickyCookie sticky = lb.sticky() == null ? null : new StickyCookie(lb.sticky().cookie(), name);
        return new LoadBalancerHandler(name, servers, strategy.equals("p2c"), sticky);
    }

    private TransportConfig wrapTransportErrors(ServersTransportSpec tspec) {
        try {
            return TransportConfig.of(tspec, baseDir);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException("loadBalancer.serversTransport",
                    "servers transport is invalid" + (e.keyPath().isEmpty() ? "" : " at " + e.keyPath()) + ": "
                            + e.getMessage());
        }
    }

    private ServersTransportSpec transportSpec(String ref) {
        if (ref == null || ref.isEmpty()) {
            ServersTransportSpec dflt = transports.get("default@internal");
            return dflt != null ? dflt : TransportConfig.DEFAULT_SPEC;
        }
        ServersTransportSpec t = transports.get(ref);
        if (t == null) {
            throw new InvalidSpecException("loadBalancer.serversTransport", "servers transport \"" + ref
                    + "\" does not exist");
        }
        return t;
    }

    private ServiceHealthState healthState(String name, LoadBalancerSpec lb, List<ServerEndpoint> endpoints,
                                           ServersTransportSpec tspec, TransportConfig transport) {
        PassiveHealthCheckSpec p = lb.passiveHealthCheck();
        int maxFailed = p == null ? 0 : p.maxFailedAttempts() == null ? 1 : p.maxFailedAttempts();
        Duration window = p == null || p.failureWindow() == null ? Duration.ofSeconds(10) : p.failureWindow();
        if (p != null && (maxFailed < 1 || window.isNegative() || window.isZero())) {
            throw new InvalidSpecException("loadBalancer.passiveHealthCheck",
                    "maxFailedAttempts must be 1 or more and failureWindow positive");
        }
        List<String> urls = endpoints.stream().map(ServerEndpoint::url).toList();
        HealthKey key = new HealthKey(name, urls, lb.healthCheck(), p, tspec);
        ServiceHealthState state = resources.get(key, used, () -> {
            Map<String, ServerHealth> byUrl = new HashMap<>();
            List<HealthChecker.Target> targets = new ArrayList<>();
            for (ServerEndpoint ep : endpoints) {
                ServerHealth h = byUrl.computeIfAbsent(ep.url(), u -> new ServerHealth(maxFailed, window.toNanos()));
                targets.add(new HealthChecker.Target(ep, h));
            }
            HealthChecker checker = null;
            if (lb.healthCheck() != null) {
                try {
                    checker = new HealthChecker(lb.healthCheck(), targets, transport, group);
                } catch (InvalidSpecException e) {
                    throw new InvalidSpecException("loadBalancer." + e.keyPath(), e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new InvalidSpecException("loadBalancer.healthCheck.method", e.getMessage());
                }
            }
            return new ServiceHealthState(byUrl, checker);
        });
        healthStates.add(state);
        return state;
    }

    private ServiceHandler weighted(String name, WeightedSpec w) {
        if (w.services() == null || w.services().isEmpty()) {
            throw new InvalidSpecException("weighted.services", "at least one service is required");
        }
        List<WeightedHandler.Child> children = new ArrayList<>();
        for (int i = 0; i < w.services().size(); i++) {
            WeightedSpec.WeightedServiceSpec c = w.services().get(i);
            String key = "weighted.services[" + i + "]";
            if (c.weight() != null && c.weight() < 0) {
                throw new InvalidSpecException(key + ".weight", "must be 0 or more, got " + c.weight());
            }
            children.add(new WeightedHandler.Child(c.name(), service(c.name(), key + ".name"),
                    c.weight() == null ? 1 : c.weight()));
        }
        StickyCookie sticky = w.sticky() == null ? null : new StickyCookie(w.sticky().cookie(), name);
        return new WeightedHandler(name, children, sticky, w.healthCheck() != null);
    }

    private ServiceHandler mirroring(String name, MirroringSpec m) {
        ServiceHandler main = service(m.service(), "mirroring.service");
        List<MirroringHandler.Mirror> mirrors = new ArrayList<>();
        List<MirroringSpec.MirrorSpec> list = m.mirrors() == null ? List.of() : m.mirrors();
        for (int i = 0; i < list.size(); i++) {
            MirroringSpec.MirrorSpec ms = list.get(i);
            int pct = ms.percent() == null ? 0 : ms.percent();
            if (pct < 0 || pct > 100) {
                throw new InvalidSpecException("mirroring.mirrors[" + i + "].percent", "must be 0 to 100, got " + pct);
            }
            mirrors.add(new MirroringHandler.Mirror(service(ms.name(), "mirroring.mirrors[" + i + "].name"), pct,
                    new AtomicLong()));
        }
        long max = m.maxBodySize() == null ? -1 : m.maxBodySize();
        return new MirroringHandler(name, main, mirrors, m.mirrorBody() == null || m.mirrorBody(), max);
    }

    private ServiceHandler failover(String name, FailoverSpec f) {
        return new FailoverHandler(name, service(f.service(), "failover.service"),
                service(f.fallback(), "failover.fallback"));
    }

    private record TransportKey(ServersTransportSpec spec) {
    }

    private record HealthKey(String service, List<String> urls, Object active, Object passive, Object transport) {
    }
}
