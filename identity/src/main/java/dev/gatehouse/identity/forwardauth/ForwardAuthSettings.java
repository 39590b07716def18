package dev.gatehouse.identity.forwardauth;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code forwardAuth} spec, as the middleware uses it.
 *
 * @param address                the authentication server
 * @param trustForwardHeader     trust the request's {@code X-Forwarded-*}
 * @param authResponseHeaders    canonical names copied from a 2xx answer onto the request
 * @param authResponseHeadersRegex matched against canonical names, or null
 * @param authRequestHeaders     canonical names sent to the server; empty means all
 * @param authCookies            cookie names of {@code addAuthCookiesToResponse}
 * @param forwardBody            send the body
 * @param maxBodySize            the largest body sent
 * @param headerField            the answer's header naming the user, or null
 * @param preserveLocationHeader keep a relative {@code Location} as is
 * @param preserveRequestMethod  call with the request's method instead of GET
 * @param name                   the middleware's qualified name, the Consumer id when no user is named
 */
record ForwardAuthSettings(URI address, boolean trustForwardHeader, List<String> authResponseHeaders,
                           Pattern authResponseHeadersRegex, Set<String> authRequestHeaders, Set<String> authCookies,
                           boolean forwardBody, int maxBodySize, String headerField, boolean preserveLocationHeader,
                           boolean preserveRequestMethod, String name) {
}
