package dev.gatehouse.traffic.source;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;

/** Computes the key that groups a request with others for a limit (client IP, header value, host). */
@FunctionalInterface
public interface SourceExtractor {
    /**
     * The source key of a request.
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return the key; an empty string when the source is unknown (all such requests share one key, as in
     *         Traefik)
     */
    String extract(RequestContext ctx, HttpRequest req);
}
