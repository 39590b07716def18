package dev.gatehouse.identity.anyof;

import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.auth.AuthenticationMiddleware;
import dev.gatehouse.core.auth.AuthResult;
import dev.gatehouse.core.auth.Authenticator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code authAnyOf}: tries authenticators in order; the first success wins and only its request edit applies.
 *
 * <pre>
 *  for each: Success ─▶ done (its Consumer and edit)
 *            Failure ─▶ remember the first, go on
 *            Absent  ─▶ go on
 *            Pending ─▶ wait for it, then the same rules, then go on
 *  none succeeded ─▶ the first Failure's response
 *                 ─▶ all Absent: anonymous Consumer (anonymous: true) or the first one's challenge
 * </pre>
 */
final class AuthAnyOfMiddleware extends AuthenticationMiddleware {
    /** The result for a request without credentials where anonymous access is allowed; immutable, so shared. */
    private static final AuthResult ANONYMOUS = new AuthResult.Success(Consumer.anonymous(), null);

    private final List<Authenticator> authenticators;
    private final boolean anonymous;

    AuthAnyOfMiddleware(List<Authenticator> authenticators, boolean anonymous) {
        this.authenticators = List.copyOf(authenticators);
        this.anonymous = anonymous;
    }

    @Override
    public AuthResult authenticate(RequestContext ctx, HttpRequest req) {
        return from(0, null, ctx, req);
    }

    /** Tries authenticators from {@code index}, remembering the first failure seen so far. */
    private AuthResult from(int index, AuthResult.Failure firstFailure, RequestContext ctx, HttpRequest req) {
        AuthResult.Failure failure = firstFailure;
        for (int i = index; i < authenticators.size(); i++) {
            AuthResult r = authenticators.get(i).authenticate(ctx, req);
            switch (r) {
                case AuthResult.Success s -> {
                    return s;
                }
                case AuthResult.Failure f -> {
                    if (failure == null) {
                        failure = f;
                    }
                }
                case AuthResult.Absent a -> {
                    // try the next one
                }
                case AuthResult.Pending p -> {
                    return new AuthResult.Pending(resume(p.stage(), i + 1, failure, ctx, req));
                }
            }
        }
        if (failure != null) {
            return failure;
        }
        return anonymous ? ANONYMOUS : AuthResult.ABSENT;
    }

    private CompletionStage<AuthResult> resume(CompletionStage<AuthResult> stage, int next,
                                               AuthResult.Failure failure, RequestContext ctx, HttpRequest req) {
        // The remaining authenticators run on the event loop, as they expect.
        return stage.thenCompose(r -> {
            CompletableFuture<AuthResult> out = new CompletableFuture<>();
            ctx.eventLoop().execute(() -> {
                try {
                    AuthResult decided = switch (r) {
                        case AuthResult.Success s -> s;
                        case AuthResult.Failure f -> from(next, failure == null ? f : failure, ctx, req);
                        default -> from(next, failure, ctx, req);
                    };
                    if (decided instanceof AuthResult.Pending p) {
                        p.stage().whenComplete((v, e) -> {
                            if (e != null) {
                                out.completeExceptionally(e);
                            } else {
                                out.complete(v);
                            }
                        });
                    } else {
                        out.complete(decided);
                    }
                } catch (RuntimeException e) {
                    out.completeExceptionally(e);
                }
            });
            return out;
        });
    }

    @Override
    public HttpResponse challenge(RequestContext ctx, HttpRequest req) {
        return authenticators.getFirst().challenge(ctx, req);
    }
}
