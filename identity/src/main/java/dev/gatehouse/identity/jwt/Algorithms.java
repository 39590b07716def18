package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The algorithm allow-lists. Secrets verify only HMAC; public keys and JWK sets only signatures. {@code none} is
 * never accepted, whatever the configuration says.
 */
final class Algorithms {
    /** HMAC algorithms, for a signing secret. */
    static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /** Signature algorithms, for public keys and JWK sets. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private Algorithms() {
    }

    /**
     * The allow-list for a key family.
     *
     * @param configured the configured names, or null for the family's default
     * @param family     {@link #HMAC} or {@link #ASYMMETRIC}
     * @return the allowed algorithms
     * @throws IllegalArgumentException naming the first name that is unknown, {@code none} or of the other family
     */
    static Set<JWSAlgorithm> allowed(List<String> configured, Set<JWSAlgorithm> family) {
        if (configured == null || configured.isEmpty()) {
            return family;
        }
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        for (String name : configured) {
            if (name == null || name.isBlank() || name.equalsIgnoreCase("none")) {
                throw new IllegalArgumentException("\"none\" (unsigned tokens) is never accepted");
            }
            JWSAlgorithm alg = JWSAlgorithm.parse(name);
            if (!family.contains(alg)) {
                throw new IllegalArgumentException("\"" + name + "\" cannot be used with "
                        + (family == HMAC ? "a signing secret (use HS256, HS384 or HS512)"
                        : "a public key or JWK set (use RS*, PS*, ES* or EdDSA)"));
            }
            out.add(alg);
        }
        return Set.copyOf(out);
    }
}
