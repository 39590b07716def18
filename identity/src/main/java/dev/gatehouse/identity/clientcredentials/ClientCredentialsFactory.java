package dev.gatehouse.identity.clientcredentials;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds {@code oauth2ClientCredentials} middlewares; the token cache is a resource, so a reload keeps it. */
public final class ClientCredentialsFactory implements MiddlewareFactory<ClientCredentialsSpec> {
    /** Form fields the grant sets itself; extraParams may not replace them. */
    private static final Set<String> RESERVED = Set.of("grant_type", "client_id", "client_secret", "scope",
            "audience");

    @Override
    public String kind() {
        return "oauth2ClientCredentials";
    }

    @Override
    public Class<ClientCredentialsSpec> specType() {
        return ClientCredentialsSpec.class;
    }

    @Override
    public Middleware create(ClientCredentialsSpec spec, BuildContext ctx) {
        URI tokenUrl = tokenUrl(spec.tokenUrl());
        require(spec.clientId(), "clientId");
        require(spec.clientSecret(), "clientSecret");
        String style = spec.authStyle() == null || spec.authStyle().isEmpty() ? "header"
                : spec.authStyle().toLowerCase(Locale.ROOT);
        if (!style.equals("header") && !style.equals("body")) {
            throw new InvalidSpecException("authStyle", "expected header or body");
        }
        Map<String, String> extra = spec.extraParams() == null ? Map.of() : spec.extraParams();
        for (String k : extra.keySet()) {
            if (RESERVED.contains(k)) {
                throw new InvalidSpecException("extraParams." + k, "set by the grant itself; use the named key");
            }
        }
        String header = spec.headerName() == null || spec.headerName().isEmpty() ? "Authorization"
                : spec.headerName();
        if (!header.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw new InvalidSpecException("headerName", "not a valid header name");
        }
        TokenRequest request = TokenRequest.of(tokenUrl, spec, style.equals("header"));
        TokenSource tokens = ctx.resource("tokens", spec, () -> new TokenSource(request, TokenSource.Timing.DEFAULT));
        return new ClientCredentialsMiddleware(tokens, header, !Boolean.FALSE.equals(spec.overwrite()), ctx.name());
    }

    private static URI tokenUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidSpecException("tokenUrl", "the token endpoint's URL is required");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidSpecException("tokenUrl", "expected an absolute http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("tokenUrl", "not a valid URL");
        }
    }

    private static void require(String value, String key) {
        if (value == null || value.isEmpty()) {
            throw new InvalidSpecException(key, "required");
        }
    }
}
