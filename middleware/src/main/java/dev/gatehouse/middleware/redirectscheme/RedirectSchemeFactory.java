package dev.gatehouse.middleware.redirectscheme;

import com.google.re2j.Pattern;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.middleware.internal.Redirector;

/** Builds {@code redirectScheme} middlewares. */
public final class RedirectSchemeFactory implements MiddlewareFactory<RedirectSchemeSpec> {
    /** Traefik's pattern: optional scheme, host (bracketed IPv6 or name), optional port, the rest. */
    private static final Pattern URI_PATTERN =
            Pattern.compile("^(https?:\\/\\/)?(\\[[\\w:.]+\\]|[\\w\\._-]+)?(:\\d+)?(.*)$");

    @Override
    public String kind() {
        return "redirectScheme";
    }

    @Override
    public Class<RedirectSchemeSpec> specType() {
        return RedirectSchemeSpec.class;
    }

    @Override
    public Middleware create(RedirectSchemeSpec spec, BuildContext ctx) {
        String scheme = spec.scheme();
        if (scheme == null || scheme.isEmpty()) {
            throw new InvalidSpecException("scheme", "you must provide a target scheme");
        }
        String port = spec.port() == null ? "" : spec.port();
        boolean defaultPort = ("http".equals(scheme) && "80".equals(port))
                || ("https".equals(scheme) && "443".equals(port));
        String portPart = port.isEmpty() || defaultPort ? "" : ":" + port;
        // '$' in the scheme or port would be read as a group reference; Traefik has the same template, and
        // neither a scheme nor a port has one.
        String replacement = scheme + "://${2}" + portPart + "${4}";
        return new RedirectSchemeMiddleware(
                new Redirector(URI_PATTERN, replacement, Boolean.TRUE.equals(spec.permanent())));
    }
}
