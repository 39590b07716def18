package dev.gatehouse.traffic.inflightreq;

import dev.gatehouse.traffic.source.SourceCriterionSpec;

/**
 * {@code inFlightReq}: a cap on simultaneous requests per source, with Traefik's keys.
 *
 * @param amount          the most requests in progress at once per source
 * @param sourceCriterion what groups requests (default: the requested host, as in Traefik)
 */
public record InFlightReqSpec(Long amount, SourceCriterionSpec sourceCriterion) {
}
