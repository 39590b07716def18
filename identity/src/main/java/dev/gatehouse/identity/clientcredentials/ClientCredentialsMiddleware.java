package dev.gatehouse.identity.clientcredentials;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code oauth2ClientCredentials}: sets {@code Bearer <token>} on the request going upstream. With a cached token
 * it costs one header set; otherwise the exchange waits for the shared fetch, off the event loop, and gets 503 when
 * no token can be had.
 */
final class ClientCredentialsMiddleware implements Middleware {
    private final TokenSource tokens;
    private final String headerName;
    private final boolean overwrite;
    private final String name;

    ClientCredentialsMiddleware(TokenSource tokens, String headerName, boolean overwrite, String name) {
        this.tokens = tokens;
        this.headerName = headerName;
        this.overwrite = overwrite;
        this.name = name;
    }

    @Override
    public HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        if (!overwrite && req.headers().contains(headerName)) {
            return next.handle(ctx, req);
        }
        CompletableFuture<TokenSource.Token> token = tokens.token();
        if (token.isDone() && !token.isCompletedExceptionally()) {
            return proceed(token.join(), ctx, req, next);
        }
        HttpResponse pending = HttpResponse.pending();
        EventLoop loop = ctx.eventLoop();
        token.whenComplete((t, err) -> loop.execute(() -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                ctx.errorDetail("oauth2ClientCredentials " + name + ": " + (cause instanceof TokenUnavailableException
                        ? cause.getMessage() : "no token (" + cause.getClass().getSimpleName() + ")"));
                pending.completeWith(HttpResponse.text(503, "Service Unavailable\n"));
            } else {
                pending.completeWith(proceed(t, ctx, req, next));
            }
        }));
        return pending;
    }

    private HttpResponse proceed(TokenSource.Token token, RequestContext ctx, HttpRequest req, HttpHandler next) {
        req.headers().set(headerName, "Bearer " + token.value());
        return next.handle(ctx, req);
    }
}
