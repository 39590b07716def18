package dev.gatehouse.runtime;

import dev.gatehouse.admin.ConfigView;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.server.TlsStore;
import dev.gatehouse.upstream.ServiceSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The compiled, immutable runtime config: what every exchange reads, once, when it starts.
 *
 * <pre>
 *  ConfigWatcher ─▶ Compiler ─▶ RuntimeSnapshot ─(volatile swap)─▶ Dispatcher per entry point
 *                                 ├ entry point → EntryPointRoutes (plain index, TLS index) → Route chains
 *                                 ├ TLS store (certificates change together with routes)
 *                                 ├ the service set (handlers, health), kept to retire on the next swap
 *                                 └ element statuses for the admin API
 * </pre>
 */
public final class RuntimeSnapshot {
    private final String revision;
    private final Instant appliedAt;
    private final Map<String, EntryPointRoutes> entryPoints;
    private final TlsStore tls;
    private final ServiceSet services;
    private final ConfigView status;

    /**
     * @param revision    the content hash of the config
     * @param appliedAt   when it was compiled
     * @param entryPoints routes per entry point
     * @param tls         the TLS store
     * @param services    the service set the routes use
     * @param status      element statuses
     */
    public RuntimeSnapshot(String revision, Instant appliedAt, Map<String, EntryPointRoutes> entryPoints,
                           TlsStore tls, ServiceSet services, ConfigView status) {
        this.revision = revision;
        this.appliedAt = appliedAt;
        this.entryPoints = Map.copyOf(entryPoints);
        this.tls = tls;
        this.services = services;
        this.status = status;
    }

    /** @return a snapshot that routes nothing, for before the first config */
    public static RuntimeSnapshot empty() {
        return new RuntimeSnapshot("", Instant.EPOCH, Map.of(), TlsStore.defaultOnly(), null,
                new ConfigView("", Instant.EPOCH, null, List.of(), List.of(), List.of()));
    }

    /**
     * Matches a request.
     *
     * @param entryPoint the entry point it came in on
     * @param ctx        the exchange
     * @param req        the request
     * @return the route, or null
     */
    public Route match(String entryPoint, RequestContext ctx, HttpRequest req) {
        EntryPointRoutes routes = entryPoints.get(entryPoint);
        return routes == null ? null : routes.match(ctx, req);
    }

    /** @return the content hash of the config */
    public String revision() {
        return revision;
    }

    /** @return when it was compiled */
    public Instant appliedAt() {
        return appliedAt;
    }

    /** @return the TLS store */
    public TlsStore tls() {
        return tls;
    }

    /** @return the service set, or null for the empty snapshot */
    public ServiceSet services() {
        return services;
    }

    /** @return the element statuses */
    public ConfigView status() {
        return status;
    }

    /** @return the routes per entry point */
    public Map<String, EntryPointRoutes> entryPoints() {
        return entryPoints;
    }
}
