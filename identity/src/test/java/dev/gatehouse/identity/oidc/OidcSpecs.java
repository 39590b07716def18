package dev.gatehouse.identity.oidc;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Specs for tests. */
final class OidcSpecs {
    static final String SECRET = "an-example-secret-of-32-bytes-or-more";

    private OidcSpecs() {
    }

    static OidcSpec spec(String issuer, String secret, SessionSpec session, Map<String, String> forwardHeaders) {
        return new OidcSpec(issuer, TestOpenIdProvider.CLIENT_ID, TestOpenIdProvider.CLIENT_SECRET, secret,
                "/callback", "/logout", "/bye", List.of("profile"), Map.of("prompt", "login"), null, session,
                null, forwardHeaders, null, Duration.ofSeconds(5), null, null, null, null, null, null, null, null);
    }

    static OidcSpec spec(String issuer) {
        return spec(issuer, SECRET, null, Map.of("X-User", "sub", "X-Groups", "groups"));
    }

    static SessionSpec session(Boolean refresh) {
        return new SessionSpec(null, null, null, null, null, null, null, refresh, null, null);
    }
}
