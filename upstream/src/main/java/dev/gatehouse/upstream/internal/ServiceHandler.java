package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.HttpHandler;
import java.util.Map;

/** A service's runtime handler, with the health it reports to parents and the admin API. */
public interface ServiceHandler extends HttpHandler {
    /** @return true when the service can take a request now (for weighted, failover and mirroring parents) */
    boolean healthy();

    /** @return each server URL of this service (not of child services) to {@code UP} or {@code DOWN} */
    Map<String, String> serverStatus();
}
