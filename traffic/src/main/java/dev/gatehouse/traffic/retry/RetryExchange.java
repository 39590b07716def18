package dev.gatehouse.traffic.retry;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpHandler;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.StandardAttributes;
import dev.gatehouse.traffic.internal.Scheduler;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The attempts of one exchange. Runs on the exchange's event loop only.
 *
 * <pre>
 *  capture body ─▶ attempt 1 ─▶ reply? ──yes (any status)──────────────▶ result
 *                      ▲          └─no upstream reached, attempts left ─▶ discard reply, back off ─┐
 *                      └──────────────── restore request, fresh body copy ◀────────────────────────┘
 * </pre>
 */
final class RetryExchange implements ReplayCapture.Outcome {
    private final RequestContext ctx;
    private final HttpRequest req;
    private final HttpHandler next;
    private final int attempts;
    private final Backoff backoff;
    private final Scheduler scheduler;
    private final HttpResponse result = HttpResponse.pending();
    private final HttpMethod method;
    private final String scheme;
    private final String authority;
    private final String path;
    private final String rawQuery;
    private final HttpHeaders headers;
    private ReplayCapture capture;
    private ByteBuf replay;
    private Body current;
    private Runnable cancelWait = () -> { };
    private boolean ended;

    RetryExchange(RequestContext ctx, HttpRequest req, HttpHandler next, int attempts, Backoff backoff,
                  Scheduler scheduler) {
        this.ctx = ctx;
        this.req = req;
        this.next = next;
        this.attempts = attempts;
        this.backoff = backoff;
        this.scheduler = scheduler;
        // Middlewares after this one may change the request; each attempt starts from the request as it was.
        this.method = req.method();
        this.scheme = req.scheme();
        this.authority = req.authority();
        this.path = req.path();
        this.rawQuery = req.rawQuery();
        this.headers = new DefaultHttpHeaders().set(req.headers());
    }

    /**
     * Starts the first attempt, once the body is in memory.
     *
     * @param maxReplayBytes the largest body kept for replay
     * @return the response of the last attempt
     */
    HttpResponse start(int maxReplayBytes) {
        ctx.onComplete(this::end);
        Body body = req.body();
        if (body.isEmpty()) {
            attempt(1);
        } else {
            capture = new ReplayCapture(maxReplayBytes, body.contentLength(), this);
            body.subscribe(capture);
        }
        return result;
    }

    @Override
    public void buffered(ByteBuf all) {
        if (ended) {
            all.release();
            return;
        }
        replay = all;
        attempt(1);
    }

    @Override
    public void streaming(Body body) {
        // Too large to keep: one attempt, streamed.
        req.body(body);
        result.completeWith(call());
    }

    private void attempt(int n) {
        if (ended) {
            return;
        }
        if (n > 1) {
            restoreRequest();
        }
        ctx.set(StandardAttributes.UPSTREAM_NOT_REACHED, null);
        current = replay == null ? Body.empty() : Body.of(replay.retainedDuplicate());
        req.body(current);
        call().onReady(resp -> replied(n, resp));
    }

    private void replied(int n, HttpResponse resp) {
        // A reply of any status is final; only "no upstream reached" is retried. A 503 is the gateway's own
        // "no server available" and, as in Traefik, not retried either.
        if (ended) {
            resp.body().discard();
            return;
        }
        boolean retry = n < attempts && resp.status() != 503
                && ctx.get(StandardAttributes.UPSTREAM_NOT_REACHED) != null;
        long wait = retry ? backoff.next() : -1;
        if (wait < 0) {
            result.complete(resp.status(), resp.headers(), resp.body());
            return;
        }
        resp.body().discard();
        current.discard();
        cancelWait = scheduler.schedule(ctx, () -> attempt(n + 1), wait);
    }

    private HttpResponse call() {
        try {
            return next.handle(ctx, req);
        } catch (RuntimeException e) {
            ctx.errorDetail("retry: " + e);
            return HttpResponse.text(500, "Internal Server Error");
        }
    }

    private void restoreRequest() {
        req.method(method);
        req.scheme(scheme);
        req.authority(authority);
        req.path(path);
        req.rawQuery(rawQuery);
        req.headers().set(headers);
    }

    /** The exchange ended: stop waiting and free the replay copy. */
    private void end() {
        ended = true;
        cancelWait.run();
        if (capture != null) {
            capture.abort();
        }
        if (current != null) {
            current.discard();
        }
        if (replay != null) {
            replay.release();
            replay = null;
        }
    }
}
