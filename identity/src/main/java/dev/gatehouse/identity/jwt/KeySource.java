package dev.gatehouse.identity.jwt;

import java.util.concurrent.CompletableFuture;

/**
 * Where a trusted issuer's keys come from: fixed at build time (secret, public key, JWKS file) or fetched from a
 * JWKS URL and refreshed in the background.
 */
interface KeySource {
    /** @return the keys now, or null before the first successful load */
    KeySet keys();

    /**
     * Waits for the first load.
     *
     * @return completes with the keys, or exceptionally when they cannot be loaded
     */
    CompletableFuture<KeySet> ready();

    /**
     * A token named a key id this source does not know: fetch again, if the rate limit allows.
     *
     * @return completes with the new keys; null when no refetch is possible now
     */
    CompletableFuture<KeySet> refetchForUnknownKid();

    /** A source whose keys never change. */
    record Fixed(KeySet set) implements KeySource {
        @Override
        public KeySet keys() {
            return set;
        }

        @Override
        public CompletableFuture<KeySet> ready() {
            return CompletableFuture.completedFuture(set);
        }

        @Override
        public CompletableFuture<KeySet> refetchForUnknownKid() {
            return null;
        }
    }
}
