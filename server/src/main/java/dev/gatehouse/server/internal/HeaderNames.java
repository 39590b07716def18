package dev.gatehouse.server.internal;

import io.netty.util.AsciiString;

/** Header names the server sets or strips that Netty has no constant for. */
final class HeaderNames {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_FORWARDED_SERVER = AsciiString.cached("x-forwarded-server");
    static final AsciiString X_FORWARDED_URI = AsciiString.cached("x-forwarded-uri");
    static final AsciiString X_FORWARDED_METHOD = AsciiString.cached("x-forwarded-method");
    static final AsciiString X_FORWARDED_PREFIX = AsciiString.cached("x-forwarded-prefix");
    static final AsciiString X_FORWARDED_TLS_CLIENT_CERT = AsciiString.cached("x-forwarded-tls-client-cert");
    static final AsciiString X_FORWARDED_TLS_CLIENT_CERT_INFO =
            AsciiString.cached("x-forwarded-tls-client-cert-info");
    static final AsciiString X_REAL_IP = AsciiString.cached("x-real-ip");
    static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    static final AsciiString HTTP2_SETTINGS = AsciiString.cached("http2-settings");

    /** The headers a client could forge; kept only from trusted peers (Traefik's list). */
    static final AsciiString[] FORWARDED = {X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST,
        X_FORWARDED_PORT, X_FORWARDED_SERVER, X_FORWARDED_URI, X_FORWARDED_METHOD, X_FORWARDED_PREFIX,
        X_FORWARDED_TLS_CLIENT_CERT, X_FORWARDED_TLS_CLIENT_CERT_INFO, X_REAL_IP};

    private HeaderNames() {
    }
}
