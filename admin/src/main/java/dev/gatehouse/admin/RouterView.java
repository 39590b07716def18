package dev.gatehouse.admin;

import dev.gatehouse.config.dynamic.RouterTlsSpec;
import java.util.List;

/**
 * One HTTP router as the admin API shows it (Traefik's router representation).
 *
 * @param name        the qualified name, {@code name@provider}
 * @param provider    the provider, such as {@code file}
 * @param status      {@code enabled}, {@code warning} or {@code disabled}
 * @param errors      what is wrong with it; empty when nothing is
 * @param entryPoints the entry points it asked for
 * @param middlewares its middlewares, as written in the config
 * @param service     its service, as written in the config
 * @param rule        its rule
 * @param priority    its priority, or null when derived from the rule
 * @param tls         its TLS settings, or null
 * @param using       the entry points it is actually attached to
 */
public record RouterView(String name, String provider, String status, List<String> errors,
                         List<String> entryPoints, List<String> middlewares, String service, String rule,
                         Integer priority, RouterTlsSpec tls, List<String> using) {
}
