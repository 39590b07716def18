package dev.gatehouse.identity.clientcredentials;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The token request of the client credentials grant, built once: a form POST with {@code grant_type},
 * {@code scope}, {@code audience} and the extra fields, the client authenticated by HTTP Basic (its id and
 * secret form-encoded first, RFC 6749 section 2.3.1) or by {@code client_id}/{@code client_secret} fields.
 */
final class TokenRequest {
    /** How long one token call may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final String form;
    private final String basic;

    private TokenRequest(URI url, String form, String basic) {
        this.url = url;
        this.form = form;
        this.basic = basic;
    }

    /**
     * @param url         the token endpoint
     * @param spec        the spec
     * @param basicHeader true for {@code authStyle: header}
     * @return the request template
     */
    static TokenRequest of(URI url, ClientCredentialsSpec spec, boolean basicHeader) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "client_credentials");
        if (spec.scopes() != null && !spec.scopes().isEmpty()) {
            fields.put("scope", String.join(" ", spec.scopes()));
        }
        if (spec.audience() != null && !spec.audience().isEmpty()) {
            fields.put("audience", spec.audience());
        }
        if (spec.extraParams() != null) {
            fields.putAll(spec.extraParams());
        }
        String basic = null;
        if (basicHeader) {
            String pair = encode(spec.clientId()) + ":" + encode(spec.clientSecret());
            basic = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        } else {
            fields.put("client_id", spec.clientId());
            fields.put("client_secret", spec.clientSecret());
        }
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(encode(k) + "=" + encode(v == null ? "" : v)));
        return new TokenRequest(url, form.toString(), basic);
    }

    /** @return a new HTTP request for one token call */
    HttpRequest build() {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (basic != null) {
            b.header("Authorization", basic);
        }
        return b.build();
    }

    /** @return the endpoint, for error messages */
    URI url() {
        return url;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Never shows the form or the Basic credentials. */
    @Override
    public String toString() {
        return "TokenRequest[" + url + "]";
    }
}
