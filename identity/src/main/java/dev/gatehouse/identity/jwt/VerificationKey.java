package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import java.util.Set;

/**
 * One key a token may be signed with, ready to verify: the verifier is built once and reused by every request.
 *
 * @param kid        the key id, or null
 * @param verifier   the verifier
 * @param algorithms the algorithms this key may verify (its type, its JWK {@code alg}, the configured list)
 */
record VerificationKey(String kid, JWSVerifier verifier, Set<JWSAlgorithm> algorithms) {
}
