package dev.gatehouse.admin;

import dev.gatehouse.config.Diagnostic;
import java.time.Instant;
import java.util.List;

/**
 * The routing config being served.
 *
 * @param revision    the config's content hash, or null before the first load
 * @param appliedAt   when it was applied, or null
 * @param lastError   why the last reload failed (the previous config kept serving), or null when it did not
 * @param routers     the routers
 * @param services    the services
 * @param middlewares the middlewares
 */
public record ConfigView(String revision, Instant appliedAt, Diagnostic lastError, List<RouterView> routers,
                         List<ServiceView> services, List<MiddlewareView> middlewares) {
}
