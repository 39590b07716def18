package dev.gatehouse.config.dynamic;

/**
 * One provider's routing config: Traefik v3's dynamic configuration ({@code http:} and {@code tls:}).
 *
 * @param http routers, services, middlewares and servers transports; never null after loading
 * @param tls  certificates, options and stores; never null after loading
 */
public record DynamicConfig(HttpSection http, TlsSection tls) {
    /** @return a config with nothing in it */
    public static DynamicConfig empty() {
        return new DynamicConfig(HttpSection.empty(), TlsSection.empty());
    }
}
