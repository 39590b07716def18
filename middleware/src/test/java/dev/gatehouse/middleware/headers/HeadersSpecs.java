package dev.gatehouse.middleware.headers;

import java.util.List;
import java.util.Map;

/** Builds {@link HeadersSpec}s for tests, since the record has Traefik's many keys. */
final class HeadersSpecs {
    Map<String, String> customRequestHeaders;
    Map<String, String> customResponseHeaders;
    Boolean credentials;
    List<String> allowHeaders;
    List<String> allowMethods;
    List<String> origins;
    List<String> originRegexes;
    List<String> exposeHeaders;
    Long maxAge;
    Boolean addVary;
    List<String> allowedHosts;
    List<String> hostsProxyHeaders;
    Boolean sslRedirect;
    Map<String, String> sslProxyHeaders;
    Long stsSeconds;
    Boolean stsIncludeSubdomains;
    Boolean stsPreload;
    Boolean forceSts;
    Boolean frameDeny;
    String customFrameOptions;
    Boolean nosniff;
    Boolean xssFilter;
    String csp;
    String publicKey;
    String referrerPolicy;
    String featurePolicy;
    Boolean isDevelopment;

    HeadersSpec build() {
        return new HeadersSpec(customRequestHeaders, customResponseHeaders, credentials, allowHeaders,
                allowMethods, origins, originRegexes, exposeHeaders, maxAge, addVary, allowedHosts,
                hostsProxyHeaders, sslRedirect, null, null, sslProxyHeaders, null, stsSeconds,
                stsIncludeSubdomains, stsPreload, forceSts, frameDeny, customFrameOptions, nosniff, xssFilter, null,
                csp, null, publicKey, referrerPolicy, featurePolicy, null, isDevelopment);
    }
}
