package dev.gatehouse.config.install;

/**
 * {@code api}: the admin API. Gatehouse serves it on its own listener, on loopback by default.
 *
 * @param address   where the admin listener binds (default {@code 127.0.0.1:9090})
 * @param dashboard serve the dashboard (not supported yet)
 * @param insecure  Traefik's switch to serve the API on an entry point; Gatehouse always uses its own listener
 * @param debug     serve debug endpoints
 */
public record ApiSpec(String address, Boolean dashboard, Boolean insecure, Boolean debug) {
}
