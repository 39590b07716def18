package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of verification keys, indexed by key id. A token's {@code kid} is only ever a map key here:
 * it never names a file, a URL or a query.
 */
final class KeySet {
    /** The set with no keys. */
    static final KeySet EMPTY = new KeySet(List.of());

    private final List<VerificationKey> all;
    private final Map<String, List<VerificationKey>> byKid;

    KeySet(List<VerificationKey> keys) {
        this.all = List.copyOf(keys);
        Map<String, List<VerificationKey>> index = new HashMap<>();
        for (VerificationKey k : all) {
            if (k.kid() != null) {
                index.computeIfAbsent(k.kid(), x -> new ArrayList<>(1)).add(k);
            }
        }
        index.replaceAll((kid, list) -> List.copyOf(list));
        this.byKid = Map.copyOf(index);
    }

    /** @return every key */
    List<VerificationKey> all() {
        return all;
    }

    /** @return true when the set has no key */
    boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * The keys a token may have been signed with.
     *
     * @param kid the token's {@code kid}, or null: then every key that supports the algorithm
     * @param alg the token's algorithm
     * @return the candidates, possibly empty
     */
    List<VerificationKey> candidates(String kid, JWSAlgorithm alg) {
        List<VerificationKey> pool = kid == null ? all : byKid.getOrDefault(kid, List.of());
        List<VerificationKey> out = null;
        for (VerificationKey k : pool) {
            if (k.algorithms().contains(alg)) {
                if (out == null) {
                    out = new ArrayList<>(pool.size());
                }
                out.add(k);
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * @param kid a key id
     * @return true when a key has this id
     */
    boolean hasKid(String kid) {
        return byKid.containsKey(kid);
    }
}
