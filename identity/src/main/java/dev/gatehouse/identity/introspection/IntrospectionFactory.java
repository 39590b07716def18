package dev.gatehouse.identity.introspection;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.identity.oidc.ClaimHeaders;
import dev.gatehouse.identity.oidc.ConsumerClaims;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Builds {@code oauth2Introspection} middlewares; the client and its cache are a resource. */
public final class IntrospectionFactory implements MiddlewareFactory<IntrospectionSpec> {
    @Override
    public String kind() {
        return "oauth2Introspection";
    }

    @Override
    public Class<IntrospectionSpec> specType() {
        return IntrospectionSpec.class;
    }

    @Override
    public Middleware create(IntrospectionSpec spec, BuildContext ctx) {
        URI url = url(spec.url());
        String clientId = required(spec.clientId(), "clientId");
        String clientSecret = required(spec.clientSecret(), "clientSecret");
        String method = spec.authMethod() == null || spec.authMethod().isEmpty() ? "client_secret_basic"
                : spec.authMethod();
        if (!method.equals("client_secret_basic") && !method.equals("client_secret_post")) {
            throw new InvalidSpecException("authMethod", "expected client_secret_basic or client_secret_post");
        }
        String hint = spec.tokenTypeHint() == null || spec.tokenTypeHint().isBlank() ? null : spec.tokenTypeHint();
        IntrospectionClient.Settings settings = new IntrospectionClient.Settings(url, clientId, clientSecret,
                method.equals("client_secret_basic"), hint,
                notNegative(spec.cacheTtl(), Duration.ofSeconds(60), "cacheTtl"),
                notNegative(spec.inactiveCacheTtl(), Duration.ofSeconds(10), "inactiveCacheTtl"),
                positive(spec.timeout(), Duration.ofSeconds(5), "timeout"));
        IntrospectionClient client = ctx.resource("introspection-client", settings,
                () -> new IntrospectionClient(settings, ctx.blockingExecutor()));
        return new IntrospectionMiddleware(client, new ClaimHeaders(spec.forwardHeaders()),
                spec.consumerClaims() == null ? ConsumerClaims.DEFAULT : spec.consumerClaims());
    }

    private static URI url(String value) {
        String v = required(value, "url");
        try {
            URI u = new URI(v);
            if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http")
                    || u.getScheme().equalsIgnoreCase("https")) || u.getHost() == null) {
                throw new InvalidSpecException("url", "expected an http(s) URL");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("url", "not a valid URL");
        }
    }

    private static Duration notNegative(Duration d, Duration fallback, String key) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative()) {
            throw new InvalidSpecException(key, "must not be negative");
        }
        return d;
    }

    private static Duration positive(Duration d, Duration fallback, String key) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new InvalidSpecException(key, "must be positive");
        }
        return d == null ? fallback : d;
    }

    private static String required(String v, String key) {
        if (v == null || v.isBlank()) {
            throw new InvalidSpecException(key, "is required");
        }
        return v;
    }
}
