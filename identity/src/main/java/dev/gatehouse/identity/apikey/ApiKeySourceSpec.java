package dev.gatehouse.identity.apikey;

/**
 * Traefik Hub's {@code keySource}: the key is looked for in the header, then the query, then the cookie.
 *
 * @param header           a request header
 * @param headerAuthScheme the scheme in front of the key when the header is {@code Authorization}, such as Bearer
 * @param query            a query parameter
 * @param cookie           a cookie
 */
public record ApiKeySourceSpec(String header, String headerAuthScheme, String query, String cookie) {
}
