package dev.gatehouse.core.spi;

import dev.gatehouse.core.Middleware;

/**
 * Builds a middleware from its spec. Built-in middlewares and third-party ones register the same way: a
 * {@code META-INF/services/dev.gatehouse.core.spi.MiddlewareFactory} entry.
 *
 * <pre>
 *  http.middlewares.NAME.KIND: {...}  ──bind(specType)──▶ S  ──create──▶ Middleware (shared, thread-safe)
 * </pre>
 *
 * <p>The spec is bound from the config by Jackson, so a spec is a record whose components carry the config's
 * key names (Traefik's camelCase). An unknown key fails the binding, naming the key. {@code create} runs off
 * the event loops, once per config change of that middleware; it validates what binding cannot and throws
 * {@link InvalidSpecException} naming the key.
 *
 * @param <S> the spec type
 */
public interface MiddlewareFactory<S> {
    /** @return the key that selects this middleware in config, such as {@code stripPrefix} */
    String kind();

    /** @return the spec type bound from config */
    Class<S> specType();

    /**
     * Builds the middleware.
     *
     * @param spec the bound spec
     * @param ctx  what the build may use: its name, resources, other middlewares
     * @return the middleware
     * @throws InvalidSpecException when the spec is not valid
     */
    Middleware create(S spec, BuildContext ctx);
}
