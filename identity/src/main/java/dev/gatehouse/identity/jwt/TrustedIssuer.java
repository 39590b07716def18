package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;
import java.util.Set;

/**
 * One way a token can be trusted: its keys, the algorithms allowed with them and the audiences it must name.
 *
 * @param issuers    the accepted {@code iss} values; empty accepts any (and a token without {@code iss})
 * @param keys       where the keys come from
 * @param algorithms the allowed algorithms
 * @param audiences  the accepted audiences; empty skips the audience check
 */
record TrustedIssuer(Set<String> issuers, KeySource keys, Set<JWSAlgorithm> algorithms, List<String> audiences) {
}
