package dev.gatehouse.identity.clientcredentials;

import java.util.List;
import java.util.Map;

/**
 * {@code oauth2ClientCredentials}: the gateway obtains an OAuth 2.0 access token with the client credentials grant
 * (RFC 6749 section 4.4) and sends it to the upstream.
 *
 * @param tokenUrl     the authorization server's token endpoint (http or https); required
 * @param clientId     the client identifier; required
 * @param clientSecret the client secret; required; never logged
 * @param scopes       the scopes asked for, sent space-separated as {@code scope}; default none
 * @param audience     sent as {@code audience} when set (Auth0, Okta and others read it); default none
 * @param authStyle    {@code header} (HTTP Basic, RFC 6749 section 2.3.1) or {@code body} (form fields);
 *                     default {@code header}
 * @param extraParams  more form fields for the token request; default none
 * @param headerName   the upstream request header that gets {@code Bearer <token>}; default {@code Authorization}
 * @param overwrite    replaces a header of that name the client sent; false keeps it and fetches nothing;
 *                     default true
 */
public record ClientCredentialsSpec(String tokenUrl, String clientId, String clientSecret, List<String> scopes,
                                    String audience, String authStyle, Map<String, String> extraParams,
                                    String headerName, Boolean overwrite) {
    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "ClientCredentialsSpec[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=(hidden)"
                + ", scopes=" + scopes + ", audience=" + audience + ", authStyle=" + authStyle
                + ", extraParams=" + (extraParams == null ? null : extraParams.keySet()) + ", headerName="
                + headerName + ", overwrite=" + overwrite + "]";
    }
}
