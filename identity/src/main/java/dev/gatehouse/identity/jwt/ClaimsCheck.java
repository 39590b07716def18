package dev.gatehouse.identity.jwt;

import com.nimbusds.jwt.JWTClaimsSet;

/** The {@code claims} expression, compiled once in the factory. */
@FunctionalInterface
interface ClaimsCheck {
    /**
     * @param claims the verified claims
     * @return true when the request may go on
     */
    boolean test(JWTClaimsSet claims);
}
