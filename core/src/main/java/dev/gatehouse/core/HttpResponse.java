package dev.gatehouse.core;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Consumer;

/**
 * A response whose head (status and headers) is ready now or later. A handler that must wait (an upstream
 * call, a token fetch) returns a {@link #pending()} response and completes it on the exchange's event loop.
 *
 * <pre>
 *  handler returns ─▶ pending ──complete(status, headers, body)──▶ ready ─▶ onReady listeners, in order
 *                  └─▶ ready (of(...)) ─────────────────────────────────────▶ listeners run at once
 * </pre>
 *
 * <p>Middlewares change the response in an {@link #onReady} listener: its headers, status or body. Listeners
 * run in registration order, so the innermost middleware's listener runs first, as a response unwinds a
 * chain. The body then streams after the head; the server writes the head once every listener has run.
 */
public final class HttpResponse {
    private int status;
    private HttpHeaders headers;
    private Body body;
    private boolean ready;
    private Object listeners;

    private HttpResponse() {
    }

    /**
     * A ready response.
     *
     * @param status  the status code
     * @param headers the headers (taken, not copied)
     * @param body    the body
     * @return the response
     */
    public static HttpResponse of(int status, HttpHeaders headers, Body body) {
        HttpResponse r = new HttpResponse();
        r.status = status;
        r.headers = headers;
        r.body = body;
        r.ready = true;
        return r;
    }

    /**
     * A ready response with no body.
     *
     * @param status the status code
     * @return the response
     */
    public static HttpResponse of(int status) {
        return of(status, new DefaultHttpHeaders(), Body.empty());
    }

    /**
     * A ready plain-text response, for errors the gateway itself produces.
     *
     * @param status the status code
     * @param text   the body text
     * @return the response
     */
    public static HttpResponse text(int status, String text) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return of(status, h, Body.of(text));
    }

    /** @return a response to complete later */
    public static HttpResponse pending() {
        return new HttpResponse();
    }

    /** @return true once the head is known */
    public boolean isReady() {
        return ready;
    }

    /**
     * Completes a pending response and runs its listeners.
     *
     * @param status  the status code
     * @param headers the headers
     * @param body    the body
     */
    public void complete(int status, HttpHeaders headers, Body body) {
        if (ready) {
            body.discard();
            throw new IllegalStateException("response already complete");
        }
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.ready = true;
        fire();
    }

    /**
     * Completes this pending response with another response's head and body, once that one is ready.
     *
     * @param other the response to take over
     */
    public void completeWith(HttpResponse other) {
        other.onReady(o -> complete(o.status, o.headers, o.body));
    }

    /**
     * Runs a listener when the head is ready: now, if it already is.
     *
     * @param listener gets this response; it may change status, headers and body
     * @return this response
     */
    @SuppressWarnings("unchecked")
    public HttpResponse onReady(Consumer<HttpResponse> listener) {
        if (ready && listeners == null) {
            listener.accept(this);
            return this;
        }
        if (listeners == null) {
            listeners = listener;
        } else if (listeners instanceof Consumer<?> one) {
            java.util.ArrayList<Consumer<HttpResponse>> list = new java.util.ArrayList<>(4);
            list.add((Consumer<HttpResponse>) one);
            list.add(listener);
            listeners = list;
        } else {
            ((java.util.List<Consumer<HttpResponse>>) listeners).add(listener);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    private void fire() {
        // A listener may register further listeners (a retry, say); they run after the current ones.
        while (listeners != null) {
            Object ls = listeners;
            listeners = null;
            if (ls instanceof Consumer<?> one) {
                ((Consumer<HttpResponse>) one).accept(this);
            } else {
                for (Consumer<HttpResponse> l : (java.util.List<Consumer<HttpResponse>>) ls) {
                    l.accept(this);
                }
            }
        }
    }

    /** @return the status code; valid once ready */
    public int status() {
        return status;
    }

    /** @param status the new status code */
    public void status(int status) {
        this.status = status;
    }

    /** @return the headers, mutable; valid once ready */
    public HttpHeaders headers() {
        return headers;
    }

    /** @return the body; valid once ready */
    public Body body() {
        return body;
    }

    /** @param body the new body; the caller handles the old one */
    public void body(Body body) {
        this.body = body;
    }

    @Override
    public String toString() {
        return ready ? "HttpResponse(" + status + ")" : "HttpResponse(pending)";
    }
}
