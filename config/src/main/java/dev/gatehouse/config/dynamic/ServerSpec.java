package dev.gatehouse.config.dynamic;

/**
 * One upstream server.
 *
 * @param url          the URL, such as {@code http://10.0.0.1:8080}; its path is used only with preservePath
 * @param weight       the weight for {@code wrr} (default 1)
 * @param preservePath keep the URL's path (default false, as in Traefik)
 */
public record ServerSpec(String url, Integer weight, Boolean preservePath) {
}
