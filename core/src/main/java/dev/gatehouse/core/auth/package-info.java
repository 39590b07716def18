/**
 * Authentication as one contract: every authentication middleware (basicAuth, jwt, apiKey, oidc, ...) is an
 * {@link dev.gatehouse.core.auth.Authenticator} and sets the same {@link dev.gatehouse.core.Consumer}, so that
 * {@code authAnyOf} can combine them and everything downstream keys on the Consumer alone.
 */
package dev.gatehouse.core.auth;
