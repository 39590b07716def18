package dev.gatehouse.core.auth;

import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import io.netty.channel.EventLoop;

/**
 * Runs one {@link Authenticator} as a middleware: success sets the Consumer and goes on, anything else answers.
 * Authentication middlewares extend it, so each is both a middleware and an authenticator for
 * {@code authAnyOf}.
 */
public abstract class AuthenticationMiddleware implements Middleware, Authenticator {
    @Override
    public final HttpResponse handle(RequestContext ctx, HttpRequest req, HttpHandler next) {
        return decide(authenticate(ctx, req), this, ctx, req, next);
    }

    /**
     * Acts on a result: the shared last step of every authentication middleware and of {@code authAnyOf}.
     *
     * @param result     what the authenticator found
     * @param challenger answers when the result is {@link AuthResult.Absent}
     * @param ctx        the exchange's context
     * @param req        the request
     * @param next       the rest of the chain
     * @return the response
     */
    public static HttpResponse decide(AuthResult result, Authenticator challenger, RequestContext ctx,
                                      HttpRequest req, HttpHandler next) {
        return switch (result) {
            case AuthResult.Success s -> proceed(s, ctx, req, next);
            case AuthResult.Failure f -> {
                ctx.errorDetail(f.reason());
                yield f.response().get();
            }
            case AuthResult.Absent a -> challenger.challenge(ctx, req);
            case AuthResult.Pending p -> later(p, challenger, ctx, req, next);
        };
    }

    /**
     * Records the Consumer, applies the winner's request edit, calls the rest of the chain and applies the
     * winner's response edit to what comes back.
     *
     * @param success the result
     * @param ctx     the exchange's context
     * @param req     the request
     * @param next    the rest of the chain
     * @return the response
     */
    public static HttpResponse proceed(AuthResult.Success success, RequestContext ctx, HttpRequest req,
                                       HttpHandler next) {
        ctx.set(StandardAttributes.CONSUMER, success.consumer());
        ctx.set(StandardAttributes.CLIENT_USERNAME, success.consumer().id());
        success.edit().apply(req);
        HttpResponse resp = next.handle(ctx, req);
        AuthResult.ResponseEdit edit = success.response();
        return edit == AuthResult.ResponseEdit.NONE ? resp : resp.onReady(edit::apply);
    }

    private static HttpResponse later(AuthResult.Pending p, Authenticator challenger, RequestContext ctx,
                                      HttpRequest req, HttpHandler next) {
        HttpResponse pending = HttpResponse.pending();
        EventLoop loop = ctx.eventLoop();
        p.stage().whenComplete((r, err) -> loop.execute(() -> {
            if (err != null) {
                ctx.errorDetail("authentication could not complete: " + err);
                pending.completeWith(HttpResponse.text(503, "Service Unavailable\n"));
            } else {
                pending.completeWith(decide(r, challenger, ctx, req, next));
            }
        }));
        return pending;
    }
}
