package dev.gatehouse.identity.forwardauth;

import java.util.List;

/**
 * {@code forwardAuth}: asks an authentication server about each request, as Traefik v3's middleware does.
 *
 * @param address                  the authentication server's URL (http or https); required
 * @param tls                      TLS settings for an https address; default the system trust store
 * @param trustForwardHeader       trusts the request's {@code X-Forwarded-*} headers; default false
 * @param authResponseHeaders      headers copied from the server's 2xx answer onto the request, replacing the
 *                                 client's; default none
 * @param authResponseHeadersRegex the same for every header whose canonical name matches; default none
 * @param authRequestHeaders       the request headers sent to the server; default all
 * @param addAuthCookiesToResponse cookie names set by the server's 2xx answer that are added to the response
 * @param forwardBody              sends the request body to the server; default false
 * @param maxBodySize              the largest body sent with {@code forwardBody}, in bytes; default -1 (no limit)
 * @param headerField              a header of the server's answer that names the user; default none
 * @param preserveLocationHeader   keeps a relative {@code Location} as the server sent it; default false
 * @param preserveRequestMethod    calls the server with the request's method instead of GET; default false
 */
public record ForwardAuthSpec(String address, ForwardAuthTlsSpec tls, Boolean trustForwardHeader,
                              List<String> authResponseHeaders, String authResponseHeadersRegex,
                              List<String> authRequestHeaders, List<String> addAuthCookiesToResponse,
                              Boolean forwardBody, Long maxBodySize, String headerField,
                              Boolean preserveLocationHeader, Boolean preserveRequestMethod) {
}
