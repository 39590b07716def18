package dev.gatehouse.middleware.headers;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.util.Map;

/** Builds {@code headers} middlewares. */
public final class HeadersFactory implements MiddlewareFactory<HeadersSpec> {
    @Override
    public String kind() {
        return "headers";
    }

    @Override
    public Class<HeadersSpec> specType() {
        return HeadersSpec.class;
    }

    @Override
    public Middleware create(HeadersSpec spec, BuildContext ctx) {
        // Keys Traefik deprecated in favour of redirectScheme and permissionsPolicy.
        refuse("sslRedirect", spec.sslRedirect() != null);
        refuse("sslTemporaryRedirect", spec.sslTemporaryRedirect() != null);
        refuse("sslHost", spec.sslHost() != null);
        refuse("sslForceHost", spec.sslForceHost() != null);
        refuse("featurePolicy", spec.featurePolicy() != null);

        CorsPolicy cors = new CorsPolicy(spec);
        SecurityHeaders security = new SecurityHeaders(spec);
        Map<String, String> reqHeaders = spec.customRequestHeaders() == null ? Map.of() : spec.customRequestHeaders();
        Map<String, String> resHeaders = spec.customResponseHeaders() == null ? Map.of()
                : spec.customResponseHeaders();
        if (!cors.enabled() && !security.enabled() && reqHeaders.isEmpty() && resHeaders.isEmpty()) {
            throw new InvalidSpecException("", "headers configuration not valid: set at least one option");
        }
        return new HeadersMiddleware(HeaderEdits.of(reqHeaders), HeaderEdits.of(resHeaders), cors,
                security.enabled() ? security : null);
    }

    private static void refuse(String key, boolean present) {
        if (present) {
            throw new InvalidSpecException(key, "not supported yet (deprecated in Traefik; use redirectScheme "
                    + "for HTTPS redirects and permissionsPolicy instead of featurePolicy)");
        }
    }
}
