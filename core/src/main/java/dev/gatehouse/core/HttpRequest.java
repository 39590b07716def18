package dev.gatehouse.core;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * A request as it travels the chain. Mutable on purpose: a middleware that strips a prefix or adds a header
 * changes the request in place instead of copying it. Owned by one exchange and touched only on its event loop.
 *
 * <p>{@link #path()} is the path as the client sent it (percent-encoded, without the query); it is what goes
 * upstream. Routing matches on the normalised form the server computes once (see {@code PathNormalizer}).
 */
public final class HttpRequest {
    private HttpMethod method;
    private String scheme;
    private String authority;
    private String path;
    private String rawQuery;
    private final HttpHeaders headers;
    private Body body;
    private final String protocol;

    /**
     * Creates a request.
     *
     * @param method    the method
     * @param scheme    {@code http} or {@code https}, as the client reached us
     * @param authority the host (and port) the client asked for, from {@code Host} or {@code :authority}
     * @param path      the raw path, without the query
     * @param rawQuery  the raw query without {@code ?}, or null when there is none
     * @param headers   the headers (the request takes them, not a copy)
     * @param body      the body
     * @param protocol  {@code HTTP/1.1}, {@code HTTP/2.0} or {@code HTTP/1.0}
     */
    public HttpRequest(HttpMethod method, String scheme, String authority, String path, String rawQuery,
                       HttpHeaders headers, Body body, String protocol) {
        this.method = method;
        this.scheme = scheme;
        this.authority = authority;
        this.path = path;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.protocol = protocol;
    }

    /** @return the method */
    public HttpMethod method() {
        return method;
    }

    /** @param method the new method */
    public void method(HttpMethod method) {
        this.method = method;
    }

    /** @return {@code http} or {@code https} */
    public String scheme() {
        return scheme;
    }

    /** @param scheme the new scheme */
    public void scheme(String scheme) {
        this.scheme = scheme;
    }

    /** @return the requested host and optional port, or an empty string when the client sent none */
    public String authority() {
        return authority;
    }

    /** @param authority the new authority */
    public void authority(String authority) {
        this.authority = authority;
    }

    /** @return the raw path, without the query */
    public String path() {
        return path;
    }

    /** @param path the new raw path */
    public void path(String path) {
        this.path = path;
    }

    /** @return the raw query without {@code ?}, or null */
    public String rawQuery() {
        return rawQuery;
    }

    /** @param rawQuery the new raw query, or null for none */
    public void rawQuery(String rawQuery) {
        this.rawQuery = rawQuery;
    }

    /** @return the path plus {@code ?query} when there is one: the request target sent upstream */
    public String uri() {
        return rawQuery == null ? path : path + '?' + rawQuery;
    }

    /** @return the headers, mutable */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the body */
    public Body body() {
        return body;
    }

    /** @param body the new body; the caller handles the old one */
    public void body(Body body) {
        this.body = body;
    }

    /** @return the protocol the client spoke */
    public String protocol() {
        return protocol;
    }

    /** @return the host part of the authority, lower-case, without port or brackets */
    public String host() {
        return Hosts.hostOf(authority);
    }

    @Override
    public String toString() {
        return method + " " + uri() + " " + protocol;
    }
}
