package dev.gatehouse.core.auth;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.HttpResponse;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * What an {@link Authenticator} found in a request.
 *
 * <pre>
 *  Absent   no credential of this kind: the next authenticator of an authAnyOf tries, or the challenge answers
 *  Success  a valid credential: the Consumer, plus edits to the request (forwarded claims, stripped header)
 *  Failure  a credential that is not valid: the response to send (401, 403, a forwardAuth reply)
 *  Pending  the answer needs I/O (a JWKS refetch, an introspection call): it completes later, on any thread
 * </pre>
 */
public sealed interface AuthResult {
    /** No credential of this authenticator's kind was presented. */
    record Absent() implements AuthResult {
    }

    /**
     * A valid credential.
     *
     * @param consumer the caller
     * @param edit     what to change in the request before it goes on (applied only to the winning result)
     * @param response what to change in the response on its way back (a refreshed session cookie, the
     *                 authentication server's cookies); applied only to the winning result
     */
    record Success(dev.gatehouse.core.Consumer consumer, RequestEdit edit, ResponseEdit response)
            implements AuthResult {
        /** Checks the parts. */
        public Success {
            Objects.requireNonNull(consumer, "consumer");
            edit = edit == null ? RequestEdit.NONE : edit;
            response = response == null ? ResponseEdit.NONE : response;
        }

        /**
         * A success that changes only the request.
         *
         * @param consumer the caller
         * @param edit     what to change in the request
         */
        public Success(dev.gatehouse.core.Consumer consumer, RequestEdit edit) {
            this(consumer, edit, ResponseEdit.NONE);
        }
    }

    /**
     * A credential that is not valid.
     *
     * @param reason   a short reason for logs and the access log, never containing the credential
     * @param response makes the response to send; called at most once, and only when this failure decides
     */
    record Failure(String reason, Supplier<HttpResponse> response) implements AuthResult {
    }

    /**
     * An answer that needs I/O first.
     *
     * @param stage completes with Absent, Success or Failure, on any thread
     */
    record Pending(CompletionStage<AuthResult> stage) implements AuthResult {
    }

    /** The shared {@link Absent}. */
    AuthResult ABSENT = new Absent();

    /**
     * A change to the request made by a successful authenticator.
     */
    @FunctionalInterface
    interface RequestEdit {
        /** Changes nothing. */
        RequestEdit NONE = req -> { };

        /**
         * Applies the change.
         *
         * @param req the request about to go on
         */
        void apply(HttpRequest req);
    }

    /**
     * A change to the response made on behalf of a successful authenticator.
     */
    @FunctionalInterface
    interface ResponseEdit {
        /** Changes nothing. */
        ResponseEdit NONE = resp -> { };

        /**
         * Applies the change, when the response is ready.
         *
         * @param resp the response on its way to the client
         */
        void apply(HttpResponse resp);
    }
}
