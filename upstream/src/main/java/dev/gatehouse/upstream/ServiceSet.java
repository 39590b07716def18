package dev.gatehouse.upstream;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.upstream.internal.ServiceHandler;
import dev.gatehouse.upstream.internal.ServiceHealthState;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services of one configuration, built by {@link Upstreams#build}: a handler per valid service, an error
 * per invalid one, and the servers' status for the admin API. Immutable once built; handlers are safe to call
 * from any event loop.
 */
public final class ServiceSet {
    private final Map<String, ServiceHandler> handlers;
    private final Map<String, InvalidSpecException> errors;
    private final Set<Object> resourceKeys;
    private final List<ServiceHealthState> healthStates;

    ServiceSet(Map<String, ServiceHandler> handlers, Map<String, InvalidSpecException> errors,
               Set<Object> resourceKeys, List<ServiceHealthState> healthStates) {
        this.handlers = Collections.unmodifiableMap(handlers);
        this.errors = Collections.unmodifiableMap(errors);
        this.resourceKeys = Collections.unmodifiableSet(resourceKeys);
        this.healthStates = List.copyOf(healthStates);
    }

    /**
     * @param service the qualified service name
     * @return its handler, or null when it is missing or invalid
     */
    public HttpHandler handler(String service) {
        return handlers.get(service);
    }

    /** @return handlers of the valid services, by qualified name */
    public Map<String, ? extends HttpHandler> handlers() {
        return handlers;
    }

    /**
     * Errors of the invalid services. The key path is relative to the service, such as
     * {@code loadBalancer.servers[0].url} or {@code weighted.services[1].name} for a bad reference.
     *
     * @return errors by qualified service name
     */
    public Map<String, InvalidSpecException> errors() {
        return errors;
    }

    /**
     * The servers' status, as Traefik's {@code serverStatus}: each server URL of a load balancer to {@code UP} or
     * {@code DOWN}. Empty for weighted, mirroring and failover services, and for unknown ones.
     *
     * @param service the qualified service name
     * @return URL to status
     */
    public Map<String, String> serverStatus(String service) {
        ServiceHandler h = handlers.get(service);
        return h == null ? Map.of() : h.serverStatus();
    }

    /**
     * @param service the qualified service name
     * @return true when the service can take a request now (some server or child is up)
     */
    public boolean healthy(String service) {
        ServiceHandler h = handlers.get(service);
        return h != null && h.healthy();
    }

    Set<Object> resourceKeys() {
        return resourceKeys;
    }

    List<ServiceHealthState> healthStates() {
        return healthStates;
    }
}
