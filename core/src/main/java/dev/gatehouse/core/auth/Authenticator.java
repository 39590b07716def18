package dev.gatehouse.core.auth;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.RequestContext;

/**
 * One way of authenticating a caller (jwt, apiKey, oidc, ...). Every authentication middleware is an
 * {@code Authenticator} as well as a {@link Middleware}, so that {@code authAnyOf} can try several on one router
 * and take the first that succeeds.
 *
 * <pre>
 *  request ─▶ authenticate ─▶ Absent ──▶ (alone) challenge response      (authAnyOf) next authenticator
 *                          ├▶ Success ─▶ set Consumer, apply edit, call the rest of the chain
 *                          ├▶ Failure ─▶ its response; the request never reaches the backend
 *                          └▶ Pending ─▶ the same, once the stage completes (back on the event loop)
 * </pre>
 *
 * <p>Called on the exchange's event loop: it must not block. Work that waits returns {@link AuthResult.Pending}.
 */
public interface Authenticator {
    /**
     * Checks the request's credentials of this authenticator's kind.
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return what was found
     */
    AuthResult authenticate(RequestContext ctx, HttpRequest req);

    /**
     * The response when no credential was presented: a 401 with this scheme's {@code WWW-Authenticate}, or a
     * redirect to a login page.
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return the response
     */
    HttpResponse challenge(RequestContext ctx, HttpRequest req);
}
