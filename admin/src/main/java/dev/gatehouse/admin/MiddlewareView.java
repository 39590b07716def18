package dev.gatehouse.admin;

import java.util.List;

/**
 * One HTTP middleware as the admin API shows it (Traefik's middleware representation).
 *
 * @param name     the qualified name, {@code name@provider}
 * @param provider the provider
 * @param status   {@code enabled}, {@code warning} or {@code disabled}
 * @param errors   what is wrong with it; empty when nothing is
 * @param type     the kind key, such as {@code stripPrefix}
 * @param spec     the settings under the kind key, serialised as they are (credentials are hidden on output)
 * @param usedBy   the routers that use it
 */
public record MiddlewareView(String name, String provider, String status, List<String> errors, String type,
                             Object spec, List<String> usedBy) {
}
