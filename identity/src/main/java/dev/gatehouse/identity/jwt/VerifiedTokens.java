package dev.gatehouse.identity.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Tokens whose signature, issuer, audience and claims check already passed, so a client that sends the same token
 * again costs a map lookup instead of a parse and a signature check.
 *
 * <p>Safe because the key is the whole compact token: the same string carries the same signature over the same
 * claims. What can change is checked again on every hit: the times ({@code exp}, {@code nbf}) by the caller, and
 * the key set, by reference: a JWKS refresh or rotation makes a new key set, so every cached token is verified
 * afresh against it. Only valid tokens are kept, at most {@code maxEntries}, each for at most five minutes.
 */
final class VerifiedTokens {
    private static final Duration TTL = Duration.ofMinutes(5);

    /**
     * One verified token.
     *
     * @param verdict the verdict, with the claims
     * @param issuer  the issuer entry that verified it
     * @param keys    the key set its signature was checked against
     */
    record Entry(Verdict.Valid verdict, TrustedIssuer issuer, KeySet keys) {
    }

    private final Cache<String, Entry> cache;

    VerifiedTokens(int maxEntries) {
        // Maintenance runs on the calling thread: no hand-off to a pool on the request path.
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(TTL)
                .executor(Runnable::run).build();
    }

    /**
     * @param token the compact token
     * @return its entry when it was verified against the issuer's current keys, else null
     */
    Entry get(String token) {
        Entry e = cache.getIfPresent(token);
        return e != null && e.issuer().keys().keys() == e.keys() ? e : null;
    }

    void put(String token, Entry entry) {
        cache.put(token, entry);
    }
}
