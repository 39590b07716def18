package dev.gatehouse.config.install;

import java.util.Map;

/**
 * The install (static) config, in Traefik's static-config shape. Read at start; a change needs a restart.
 *
 * @param entryPoints the listeners by name
 * @param providers   where routing config comes from
 * @param api         the admin API, or null for none
 * @param ping        the {@code /ping} endpoint, or null for none
 * @param metrics     metrics, or null for none
 * @param accessLog   the access log, or null for none
 * @param log         the gateway's own log
 */
public record InstallConfig(Map<String, EntryPointSpec> entryPoints, ProvidersSpec providers, ApiSpec api,
                            PingSpec ping, MetricsSpec metrics, AccessLogSpec accessLog, LogSpec log) {
}
