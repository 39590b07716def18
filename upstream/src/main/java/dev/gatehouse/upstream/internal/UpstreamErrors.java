package dev.gatehouse.upstream.internal;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;

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

    /**
     * Answers for an upstream that was not reached: 502 or 504, with {@code UPSTREAM_NOT_REACHED} set.
     *
     * @param ctx      the exchange
     * @param response the pending response, completed unless it already is
     * @param outcome  told the status and that the exchange ended
     * @param cause    why the upstream was not reached
     */
    static void answerNotReached(RequestContext ctx, HttpResponse response, Outcome outcome, Throwable cause) {
        int status = statusOf(cause);
        ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, cause);
        ctx.errorDetail("upstream " + ctx.upstreamAddress() + ": " + cause);
        outcome.head(status, cause);
        outcome.ended();
        if (!response.isReady()) {
            DefaultHttpHeaders h = new DefaultHttpHeaders();
            h.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.complete(status, h, Body.of(reasonOf(status).getBytes(StandardCharsets.UTF_8)));
        }
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
