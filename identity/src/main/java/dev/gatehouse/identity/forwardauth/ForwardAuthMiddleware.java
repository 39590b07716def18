package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.BodyTooLargeException;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import dev.gatehouse.core.auth.AuthResult;
import io.netty.buffer.ByteBufUtil;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code forwardAuth}: every request is first sent to the authentication server; a 2xx lets it through with
 * the server's chosen headers, anything else is the server's answer to the client.
 *
 * <pre>
 *  request ─▶ (forwardBody: read up to maxBodySize; too large ─▶ 401)
 *          ─▶ GET address + headers ─▶ 2xx ──────▶ Success: copy authResponseHeaders ─▶ the rest of the chain
 *                                   ├▶ other ────▶ Failure: the server's status, headers, body (Location fixed)
 *                                   └▶ no answer ▶ Failure: 500
 * </pre>
 *
 * <p>The call goes out through {@link HttpClient#sendAsync}; the event loop never waits for it.
 */
final class ForwardAuthMiddleware extends AuthenticationMiddleware {
    private final ForwardAuthSettings settings;
    private final HttpClient client;
    private final AuthAnswers answers;

    ForwardAuthMiddleware(ForwardAuthSettings settings, HttpClient client) {
        this.settings = settings;
        this.client = client;
        this.answers = new AuthAnswers(settings);
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        if (!settings.forwardBody()) {
            return new AuthResult.Pending(call(ctx, req, null));
        }
        CompletableFuture<AuthResult> result = new CompletableFuture<>();
        req.body().aggregate(settings.maxBodySize(), (buf, err) -> {
            if (err != null) {
                result.complete(err instanceof BodyTooLargeException
                        ? AuthAnswers.failure("request body over maxBodySize", 401)
                        : AuthAnswers.failure("request body could not be read", 500));
                return;
            }
            byte[] bytes = buf.isReadable() ? ByteBufUtil.getBytes(buf) : null;
            // The backend still gets the whole body: the buffer becomes the request's body.
            req.body(Body.of(buf));
            call(ctx, req, bytes).whenComplete((r, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(r);
                }
            });
        });
        return new AuthResult.Pending(result);
    }

    private CompletionStage<AuthResult> call(RequestContext ctx, HttpRequest req, byte[] body) {
        java.net.http.HttpRequest out;
        try {
            out = AuthRequests.build(settings, ctx, req, body);
        } catch (AuthRequests.UnsafeHeaderException e) {
            return CompletableFuture.completedFuture(AuthAnswers.failure(e.getMessage(), 400));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    AuthAnswers.failure("the authentication request cannot be built", 500));
        }
        CompletableFuture<java.net.http.HttpResponse<byte[]>> sent;
        try {
            sent = client.sendAsync(out, BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            // A client closed by a reload that dropped this middleware refuses new calls.
            return CompletableFuture.completedFuture(AuthAnswers.failure("the authentication client is closed", 500));
        }
        // A client that goes away ends the exchange: the call to the server is abandoned with it.
        ctx.onComplete(() -> sent.cancel(true));
        return sent.handle((resp, err) -> err != null
                ? AuthAnswers.failure("authentication server unreachable (" + rootName(err) + ")", 500)
                : answers.of(ctx, resp));
    }

    private static String rootName(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName();
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        // authenticate never answers Absent: the authentication server decides every request.
        return HttpResponse.text(401, "401 Unauthorized\n");
    }
}
