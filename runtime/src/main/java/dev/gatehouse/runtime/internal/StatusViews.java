package dev.gatehouse.runtime.internal;

import dev.gatehouse.admin.ConfigView;
import dev.gatehouse.admin.MiddlewareView;
import dev.gatehouse.admin.RouterView;
import dev.gatehouse.admin.ServiceView;
import dev.gatehouse.config.dynamic.MiddlewareSpec;
import dev.gatehouse.config.dynamic.RouterSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.router.Rules;
import dev.gatehouse.upstream.ServiceSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds the element statuses the admin API shows, Traefik's way: enabled, warning or disabled. */
public final class StatusViews {
    private StatusViews() {
    }

    /**
     * @param pc            the parsed config
     * @param services      the built services
     * @param middlewares   the built middlewares
     * @param errors        the compile's errors
     * @param routerEps     each router's valid entry points
     * @param activeRouters routers that made it into an index
     * @param revision      the config revision
     * @param at            when it was compiled
     * @return the view
     */
    public static ConfigView build(ParsedConfig pc, ServiceSet services, MiddlewareBuilder middlewares,
                                   ElementErrors errors, Map<String, List<String>> routerEps,
                                   Set<String> activeRouters, String revision, Instant at) {
        Map<String, List<String>> serviceUsers = new TreeMap<>();
        Map<String, List<String>> middlewareUsers = new TreeMap<>();
        List<RouterView> routers = new ArrayList<>();
        for (ParsedConfig.Element<RouterSpec> r : pc.routers.values()) {
            RouterSpec s = r.spec();
            String svc = Names.qualify(s.service(), r.provider());
            serviceUsers.computeIfAbsent(svc, k -> new ArrayList<>()).add(r.name());
            List<String> mws = s.middlewares() == null ? List.of()
                    : s.middlewares().stream().map(m -> Names.qualify(m, r.provider())).toList();
            mws.forEach(m -> middlewareUsers.computeIfAbsent(m, k -> new ArrayList<>()).add(r.name()));
            List<String> errs = errors.messages("router:" + r.name());
            String status = !activeRouters.contains(r.name()) ? "disabled" : errs.isEmpty() ? "enabled" : "warning";
            int priority = s.priority() != null && s.priority() != 0 ? s.priority()
                    : s.rule() == null ? 0 : Rules.defaultPriority(s.rule());
            List<String> eps = s.entryPoints() == null ? routerEps.getOrDefault(r.name(), List.of()) : s.entryPoints();
            routers.add(new RouterView(r.name(), r.provider(), status, errs, eps, mws, svc, s.rule(), priority,
                    s.tls(), routerEps.getOrDefault(r.name(), List.of())));
        }
        List<ServiceView> svcs = new ArrayList<>();
        for (ParsedConfig.Element<ServiceSpec> e : pc.services.values()) {
            List<String> errs = errors.messages("service:" + e.name());
            svcs.add(new ServiceView(e.name(), e.provider(), errs.isEmpty() ? "enabled" : "disabled", errs,
                    typeOf(e.spec()), e.spec(), services.serverStatus(e.name()),
                    serviceUsers.getOrDefault(e.name(), List.of())));
        }
        List<MiddlewareView> mwViews = new ArrayList<>();
        for (ParsedConfig.Element<MiddlewareSpec> e : pc.middlewares.values()) {
            List<String> errs = errors.messages("middleware:" + e.name());
            mwViews.add(new MiddlewareView(e.name(), e.provider(), errs.isEmpty() ? "enabled" : "disabled", errs,
                    e.spec().kind(), e.spec().config(), middlewareUsers.getOrDefault(e.name(), List.of())));
        }
        for (ParsedConfig.Rejected rj : pc.rejected) {
            List<String> errs = rj.errors().stream().map(Object::toString).toList();
            String provider = Names.providerOf(rj.name());
            switch (rj.kind()) {
                case "routers" -> routers.add(new RouterView(rj.name(), provider, "disabled", errs, List.of(),
                        List.of(), null, null, null, null, List.of()));
                case "services" -> svcs.add(new ServiceView(rj.name(), provider, "disabled", errs, null, null,
                        Map.of(), serviceUsers.getOrDefault(rj.name(), List.of())));
                case "middlewares" -> mwViews.add(new MiddlewareView(rj.name(), provider, "disabled", errs, null,
                        null, middlewareUsers.getOrDefault(rj.name(), List.of())));
                default -> { }
            }
        }
        return new ConfigView(revision, at, null, routers, svcs, mwViews);
    }

    private static String typeOf(ServiceSpec s) {
        if (s.loadBalancer() != null) {
            return "loadbalancer";
        }
        if (s.weighted() != null) {
            return "weighted";
        }
        if (s.mirroring() != null) {
            return "mirroring";
        }
        return s.failover() != null ? "failover" : "unknown";
    }
}
