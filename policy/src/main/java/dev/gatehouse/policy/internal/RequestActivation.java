package dev.gatehouse.policy.internal;

import dev.cel.runtime.CelVariableResolver;
import dev.gatehouse.core.Consumer;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import java.util.Optional;

/**
 * Resolves the standard variables for one evaluation, each only when the expression names it: an expression
 * over {@code consumer.id} builds no request view, and one over {@code request.method} reads no header.
 */
public final class RequestActivation implements CelVariableResolver {
    private final RequestContext ctx;
    private final HttpRequest req;
    private RequestView request;
    private ConsumerView consumer;

    /**
     * Creates the activation.
     *
     * @param ctx the exchange's context (client IP, Consumer)
     * @param req the request
     */
    public RequestActivation(RequestContext ctx, HttpRequest req) {
        this.ctx = ctx;
        this.req = req;
    }

    @Override
    public Optional<Object> find(String name) {
        return switch (name) {
            case Variables.REQUEST -> Optional.of(request());
            case Variables.CONSUMER -> Optional.of(consumer());
            case Variables.CLAIMS -> Optional.of(consumer().claims());
            default -> Optional.empty();
        };
    }

    private RequestView request() {
        if (request == null) {
            request = new RequestView(ctx, req);
        }
        return request;
    }

    private ConsumerView consumer() {
        if (consumer == null) {
            Consumer c = ctx == null ? null : ctx.get(StandardAttributes.CONSUMER);
            consumer = new ConsumerView(c);
        }
        return consumer;
    }
}
