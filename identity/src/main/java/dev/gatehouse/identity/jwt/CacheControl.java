package dev.gatehouse.identity.jwt;

import java.time.Duration;
import java.util.Locale;

/** Reads {@code Cache-Control} to decide when a JWK set is fetched again. */
final class CacheControl {
    private CacheControl() {
    }

    /**
     * The refresh interval: {@code max-age} clamped to {@link JwksCache#MIN_REFRESH}..{@link JwksCache#MAX_REFRESH};
     * {@code no-cache}/{@code no-store} give the minimum; no usable value gives {@link JwksCache#DEFAULT_REFRESH}.
     *
     * @param header the header value, or null
     * @return the interval
     */
    static Duration refreshInterval(String header) {
        if (header == null) {
            return JwksCache.DEFAULT_REFRESH;
        }
        for (String part : header.toLowerCase(Locale.ROOT).split(",")) {
            String p = part.strip();
            if (p.equals("no-cache") || p.equals("no-store")) {
                return JwksCache.MIN_REFRESH;
            }
            if (p.startsWith("max-age=")) {
                try {
                    long seconds = Long.parseLong(p.substring(8).replace("\"", "").strip());
                    Duration d = Duration.ofSeconds(Math.max(0, seconds));
                    if (d.compareTo(JwksCache.MIN_REFRESH) < 0) {
                        return JwksCache.MIN_REFRESH;
                    }
                    return d.compareTo(JwksCache.MAX_REFRESH) > 0 ? JwksCache.MAX_REFRESH : d;
                } catch (NumberFormatException e) {
                    return JwksCache.DEFAULT_REFRESH;
                }
            }
        }
        return JwksCache.DEFAULT_REFRESH;
    }
}
