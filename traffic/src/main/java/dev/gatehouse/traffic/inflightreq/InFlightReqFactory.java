package dev.gatehouse.traffic.inflightreq;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.traffic.source.SourceExtractor;
import dev.gatehouse.traffic.source.SourceExtractors;

/** Builds {@code inFlightReq} middlewares; the counters are a resource, so a reload keeps in-progress counts. */
public final class InFlightReqFactory implements MiddlewareFactory<InFlightReqSpec> {
    @Override
    public String kind() {
        return "inFlightReq";
    }

    @Override
    public Class<InFlightReqSpec> specType() {
        return InFlightReqSpec.class;
    }

    @Override
    public Middleware create(InFlightReqSpec spec, BuildContext ctx) {
        long amount = spec.amount() == null ? 0 : spec.amount();
        if (amount < 1) {
            // Traefik accepts 0 and then refuses every request; a config error is the kinder answer.
            throw new InvalidSpecException("amount", "must be at least 1, got " + amount);
        }
        SourceExtractor sources = SourceExtractors.of(spec.sourceCriterion(),
                SourceExtractors.Default.REQUEST_HOST, "sourceCriterion");
        InFlightCounters counters = ctx.resource("inFlight", spec, () -> new InFlightCounters(amount));
        return new InFlightReqMiddleware(counters, sources);
    }
}
