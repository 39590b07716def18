package dev.gatehouse.upstream;

import dev.gatehouse.config.dynamic.ServersTransportSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.upstream.internal.Resources;
import dev.gatehouse.upstream.internal.ServiceBuilder;
import dev.gatehouse.upstream.internal.ServiceHealthState;
import io.netty.channel.EventLoopGroup;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The upstream side of the gateway, long-lived across reloads: builds service handlers from specs and keeps
 * the resources they use (connection pools per transport and server address, health state and checkers per
 * service) alive while a new configuration still uses them.
 *
 * <pre>
 *  config thread:  set = build(services, transports, baseDir)   ── reuses pools/health whose spec is unchanged
 *                  activate(set)                                ── starts its health checks; set is now current
 *                  retire(previous)                             ── closes what the current set no longer uses
 *  event loops:    set.handler(name).handle(ctx, req)           ── pools per event loop, no locks
 * </pre>
 *
 * A set that is built but never activated is given back with {@link #retire} as well.
 */
public final class Upstreams implements AutoCloseable {
    private final EventLoopGroup group;
    private final Resources resources = new Resources();
    private volatile ServiceSet active;

    /**
     * @param workers the shared worker group; upstream connections live on the exchange's own loop, health
     *                checks on loops of this group
     */
    public Upstreams(EventLoopGroup workers) {
        this.group = workers;
    }

    /**
     * Builds handlers for a configuration's services. Names are qualified ({@code api@file}), and so are
     * references to other services and to servers transports. Call off the event loops (it may read
     * certificate files).
     *
     * @param services   the services by qualified name
     * @param transports the servers transports by qualified name; {@code default@internal}, when present,
     *                   applies to load balancers that name none
     * @param baseDir    where relative certificate paths are resolved
     * @return the built set; one bad service never fails the others
     */
    public ServiceSet build(Map<String, ServiceSpec> services, Map<String, ServersTransportSpec> transports,
                            Path baseDir) {
        ServiceBuilder b = new ServiceBuilder(services == null ? Map.of() : services, transports, baseDir,
                resources, group);
        b.buildAll();
        return new ServiceSet(b.built(), b.errors(), b.used(), b.healthStates());
    }

    /**
     * Makes a set current and starts its health checks (checkers kept from an earlier set keep running).
     *
     * @param set the set now serving
     */
    public void activate(ServiceSet set) {
        for (ServiceHealthState h : set.healthStates()) {
            h.start();
        }
        active = set;
    }

    /**
     * Closes the resources of a set that the current set does not use: idle connections of dropped pools
     * close at once, busy ones when their exchange ends; dropped health checkers stop.
     *
     * @param old a set no longer serving, or one built and never activated
     */
    public void retire(ServiceSet old) {
        ServiceSet current = active;
        if (old == current) {
            return;
        }
        resources.retain(old.resourceKeys(), current == null ? Set.of() : current.resourceKeys());
    }

    /** @return the set last activated, or null */
    public ServiceSet active() {
        return active;
    }

    /** Closes every pool and health checker. */
    @Override
    public void close() {
        active = null;
        resources.close();
    }
}
