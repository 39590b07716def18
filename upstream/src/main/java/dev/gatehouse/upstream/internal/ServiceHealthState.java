package dev.gatehouse.upstream.internal;

import java.util.Map;

/**
 * The health of one load balancer's servers, kept across reloads while the service's name, servers and health
 * settings stay the same: the active checker (if any) and each server's {@link ServerHealth}.
 */
public final class ServiceHealthState implements AutoCloseable {
    private final Map<String, ServerHealth> byUrl;
    private final HealthChecker checker;

    /**
     * @param byUrl   health per server URL
     * @param checker the active checker, or null
     */
    public ServiceHealthState(Map<String, ServerHealth> byUrl, HealthChecker checker) {
        this.byUrl = byUrl;
        this.checker = checker;
    }

    /**
     * @param url a server URL
     * @return its health
     */
    public ServerHealth health(String url) {
        return byUrl.get(url);
    }

    /** Starts active checks, if any. Idempotent. */
    public void start() {
        if (checker != null) {
            checker.start();
        }
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.close();
        }
    }
}
