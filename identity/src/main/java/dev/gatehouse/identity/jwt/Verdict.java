package dev.gatehouse.identity.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.concurrent.CompletableFuture;

/** What {@link TokenVerifier} decided about one token. */
sealed interface Verdict {
    /**
     * The token is valid.
     *
     * @param claims   its verified claims
     * @param consumer the caller they name, made once per verification and reused while the token is remembered;
     *                 null when no claim names the caller
     */
    record Valid(JWTClaimsSet claims, dev.gatehouse.core.Consumer consumer) implements Verdict {
    }

    /**
     * The token is not valid.
     *
     * @param reason why, for the access log; never the token
     */
    record Invalid(String reason) implements Verdict {
    }

    /**
     * The token is valid but its claims do not pass the {@code claims} check.
     *
     * @param reason why, for the access log
     */
    record Forbidden(String reason) implements Verdict {
    }

    /**
     * The keys are being fetched; verify again when the stage completes.
     *
     * @param keys completes when the keys are in
     */
    record AwaitKeys(CompletableFuture<KeySet> keys) implements Verdict {
    }
}
