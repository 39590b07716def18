package dev.gatehouse.middleware.headers;

import java.util.List;
import java.util.Map;

/**
 * {@code headers}: custom request and response headers, CORS, and security headers. Key names and meanings are
 * Traefik's; security headers follow unrolled/secure, as Traefik does.
 *
 * @param customRequestHeaders            set on the request; an empty value removes the header; {@code Host}
 *                                        changes the request's authority
 * @param customResponseHeaders           set on the response; an empty value removes the header
 * @param accessControlAllowCredentials   sends {@code Access-Control-Allow-Credentials: true}
 * @param accessControlAllowHeaders       preflight {@code Access-Control-Allow-Headers}
 * @param accessControlAllowMethods       preflight {@code Access-Control-Allow-Methods}
 * @param accessControlAllowOriginList    allowed origins, or {@code *}
 * @param accessControlAllowOriginListRegex allowed origins as RE2 expressions (unanchored)
 * @param accessControlExposeHeaders      {@code Access-Control-Expose-Headers}
 * @param accessControlMaxAge             preflight {@code Access-Control-Max-Age}, in seconds
 * @param addVaryHeader                   adds {@code Origin} to {@code Vary}
 * @param allowedHosts                    allowed host names; others get 500 {@code Bad Host}
 * @param hostsProxyHeaders               headers that may carry the original host, checked before {@code Host}
 * @param sslRedirect                     deprecated in Traefik; not supported
 * @param sslTemporaryRedirect            deprecated in Traefik; not supported
 * @param sslHost                         deprecated in Traefik; not supported
 * @param sslProxyHeaders                 header/value pairs that mark a request as HTTPS (for STS and HPKP)
 * @param sslForceHost                    deprecated in Traefik; not supported
 * @param stsSeconds                      {@code Strict-Transport-Security} max-age; 0 disables it
 * @param stsIncludeSubdomains            adds {@code includeSubDomains}
 * @param stsPreload                      adds {@code preload}
 * @param forceSTSHeader                  sends STS over plain HTTP too
 * @param frameDeny                       {@code X-Frame-Options: DENY}
 * @param customFrameOptionsValue         {@code X-Frame-Options} value, overriding frameDeny
 * @param contentTypeNosniff              {@code X-Content-Type-Options: nosniff}
 * @param browserXssFilter                {@code X-XSS-Protection: 1; mode=block}
 * @param customBrowserXSSValue           {@code X-XSS-Protection} value, overriding browserXssFilter
 * @param contentSecurityPolicy           {@code Content-Security-Policy}
 * @param contentSecurityPolicyReportOnly {@code Content-Security-Policy-Report-Only}
 * @param publicKey                       {@code Public-Key-Pins} (HTTPS only)
 * @param referrerPolicy                  {@code Referrer-Policy}
 * @param featurePolicy                   deprecated in Traefik; not supported
 * @param permissionsPolicy               {@code Permissions-Policy}
 * @param isDevelopment                   skips allowedHosts, STS and HPKP, for development
 */
public record HeadersSpec(
        Map<String, String> customRequestHeaders,
        Map<String, String> customResponseHeaders,
        Boolean accessControlAllowCredentials,
        List<String> accessControlAllowHeaders,
        List<String> accessControlAllowMethods,
        List<String> accessControlAllowOriginList,
        List<String> accessControlAllowOriginListRegex,
        List<String> accessControlExposeHeaders,
        Long accessControlMaxAge,
        Boolean addVaryHeader,
        List<String> allowedHosts,
        List<String> hostsProxyHeaders,
        Boolean sslRedirect,
        Boolean sslTemporaryRedirect,
        String sslHost,
        Map<String, String> sslProxyHeaders,
        Boolean sslForceHost,
        Long stsSeconds,
        Boolean stsIncludeSubdomains,
        Boolean stsPreload,
        Boolean forceSTSHeader,
        Boolean frameDeny,
        String customFrameOptionsValue,
        Boolean contentTypeNosniff,
        Boolean browserXssFilter,
        String customBrowserXSSValue,
        String contentSecurityPolicy,
        String contentSecurityPolicyReportOnly,
        String publicKey,
        String referrerPolicy,
        String featurePolicy,
        String permissionsPolicy,
        Boolean isDevelopment) {
}
