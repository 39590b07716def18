package dev.gatehouse.identity.jwt;

import java.time.Duration;

/**
 * How often a JWKS URL is fetched.
 *
 * @param minRefresh       shortest refresh interval, whatever {@code Cache-Control} says
 * @param defaultRefresh   refresh interval without a usable {@code max-age}
 * @param maxRefresh       longest refresh interval
 * @param unknownKidWindow at most one refetch for unknown key ids per this window
 * @param failureBackoff   with no keys at all, requests start no new fetch for this long after a failure
 */
record JwksTiming(Duration minRefresh, Duration defaultRefresh, Duration maxRefresh, Duration unknownKidWindow,
                  Duration failureBackoff) {
    /** The documented defaults: 30 s, 5 min, 1 h; one unknown-kid refetch per 30 s; 5 s after a failure. */
    static final JwksTiming DEFAULT = new JwksTiming(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
}
