package dev.gatehouse.upstream.internal;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.Serial;

/** Maps upstream failures to the status Traefik answers with: timeouts 504, other network errors 502. */
final class UpstreamErrors {
    private UpstreamErrors() {
    }

    /** The upstream sent no response head within {@code responseHeaderTimeout}. */
    static final class ResponseHeaderTimeoutException extends java.io.IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        ResponseHeaderTimeoutException(long millis) {
            super("timeout awaiting response headers (" + millis + " ms)");
        }
    }

    static int statusOf(Throwable cause) {
        if (cause instanceof ConnectTimeoutException || cause instanceof SslHandshakeTimeoutException
                || cause instanceof ResponseHeaderTimeoutException) {
            return 504;
        }
        return 502;
    }

    static String reasonOf(int status) {
        return switch (status) {
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
    }
}
