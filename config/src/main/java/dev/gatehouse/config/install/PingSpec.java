package dev.gatehouse.config.install;

/**
 * {@code ping}: answers {@code GET /ping} with {@code OK} on the admin listener.
 *
 * @param terminatingStatusCode the status while shutting down (default 503)
 */
public record PingSpec(Integer terminatingStatusCode) {
}
