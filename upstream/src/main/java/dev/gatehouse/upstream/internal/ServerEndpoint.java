package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed server URL.
 *
 * @param url       the URL as configured (the status key and the sticky hash input)
 * @param scheme    {@code http}, {@code https} or {@code h2c} (cleartext HTTP/2 with prior knowledge, as in Traefik)
 * @param host      the host, IPv6 without brackets
 * @param port      the port, defaulted from the scheme
 * @param authority the URL's authority as written, the Host header when the client's is not passed
 * @param path      the URL's raw path, empty when none
 */
public record ServerEndpoint(String url, String scheme, String host, int port, String authority, String path) {
    /**
     * Parses a server URL.
     *
     * @param url the URL
     * @param key the key path for errors
     * @return the endpoint
     * @throws InvalidSpecException when the URL is not an absolute http, https or h2c URL with a host
     */
    public static ServerEndpoint parse(String url, String key) {
        if (url == null || url.isBlank()) {
            throw new InvalidSpecException(key, "a server URL is required");
        }
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSpecException(key, "invalid URL \"" + url + "\": " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("h2c")) {
            throw new InvalidSpecException(key, "unsupported scheme in \"" + url + "\": expected http, https or h2c");
        }
        String host = u.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidSpecException(key, "no host in URL \"" + url + "\"");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = u.getPort() > 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        return new ServerEndpoint(url, scheme, host, port, u.getRawAuthority(), path);
    }

    /** @return true for https */
    public boolean tls() {
        return scheme.equals("https");
    }

    /** @return true for h2c: HTTP/2 without TLS, spoken from the first byte */
    public boolean h2c() {
        return scheme.equals("h2c");
    }

    /**
     * The path sent upstream: the request's path, or the URL's path joined with it when {@code preservePath}
     * is on (one slash between them), as Traefik does.
     *
     * @param requestPath  the request's raw path
     * @param preservePath whether the URL's path is kept
     * @return the path
     */
    public String targetPath(String requestPath, boolean preservePath) {
        String rp = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        if (!preservePath || path.isEmpty()) {
            return rp;
        }
        boolean a = path.endsWith("/");
        boolean b = rp.startsWith("/");
        if (a && b) {
            return path + rp.substring(1);
        }
        if (!a && !b) {
            return path + "/" + rp;
        }
        return path + rp;
    }
}
