package dev.gatehouse.config.install;

/**
 * {@code log}: the gateway's own log.
 *
 * @param level    {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR} (default ERROR, as in Traefik)
 * @param format   {@code common} (default) or {@code json}
 * @param filePath the file; null means standard error
 */
public record LogSpec(String level, String format, String filePath) {
}
