package dev.gatehouse.core;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * What happened in one exchange, handed to {@link ExchangeObserver}s when it ends. Request fields are as the
 * client sent them, before any middleware changed the request.
 *
 * @param ctx             the exchange's context (router, service, client, entry point, timings)
 * @param method          the request method
 * @param host            the requested authority
 * @param uri             the request target as received (path and query)
 * @param protocol        {@code HTTP/1.1}, {@code HTTP/2.0}, ...
 * @param requestHeaders  the request headers as received
 * @param status          the status sent to the client; 0 when none was sent
 * @param requestBytes    request body bytes read
 * @param responseBytes   response body bytes written
 * @param durationNanos   from the first request byte to the last response byte
 * @param aborted         true when the exchange ended early (client gone, upstream reset)
 */
public record ExchangeSummary(RequestContext ctx, String method, String host, String uri, String protocol,
                              HttpHeaders requestHeaders, int status, long requestBytes, long responseBytes,
                              long durationNanos, boolean aborted) {
}
