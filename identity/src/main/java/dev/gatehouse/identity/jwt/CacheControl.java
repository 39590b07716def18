package dev.gatehouse.identity.jwt;

import java.time.Duration;
import java.util.Locale;

/** Reads {@code Cache-Control} to decide when a JWK set is fetched again. */
final class CacheControl {
    private CacheControl() {
    }

    /**
     * The refresh interval: {@code max-age} clamped to the timing's bounds; {@code no-cache}/{@code no-store}
     * give the minimum; no usable value gives the default.
     *
     * @param header the header value, or null
     * @param t      the bounds
     * @return the interval
     */
    static Duration refreshInterval(String header, JwksTiming t) {
        if (header == null) {
            return t.defaultRefresh();
        }
        for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.strip();
            if (p.equals("no-cache") || p.equals("no-store")) {
                return t.minRefresh();
            }
            if (p.startsWith("max-age=")) {
                try {
                    long seconds = Long.parseLong(p.substring(8).replace("\"", "").strip());
                    Duration d = Duration.ofSeconds(Math.max(0, seconds));
                    if (d.compareTo(t.minRefresh()) < 0) {
                        return t.minRefresh();
                    }
                    return d.compareTo(t.maxRefresh()) > 0 ? t.maxRefresh() : d;
                } catch (NumberFormatException e) {
                    return t.defaultRefresh();
                }
            }
        }
        return t.defaultRefresh();
    }
}
