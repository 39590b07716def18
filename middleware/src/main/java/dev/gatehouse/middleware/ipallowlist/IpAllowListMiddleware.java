package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.net.ClientIpStrategy;
import dev.gatehouse.core.net.IpRanges;

/** Lets a request through when its client IP is in the allowed ranges, else answers the reject status. */
final class IpAllowListMiddleware implements Middleware {
    private final IpRanges allowed;
    private final ClientIpStrategy strategy;
    private final int rejectStatus;
    private final String rejectText;

    IpAllowListMiddleware(IpRanges allowed, ClientIpStrategy strategy, int rejectStatus, String rejectText) {
        this.allowed = allowed;
        this.strategy = strategy;
        this.rejectStatus = rejectStatus;
        this.rejectText = rejectText;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        // As Traefik: the chosen text may carry a port, which is dropped before the check.
        if (allowed.containsHost(strategy.clientIp(ctx, req))) {
            return next.handle(ctx, req);
        }
        return HttpResponse.text(rejectStatus, rejectText);
    }
}
