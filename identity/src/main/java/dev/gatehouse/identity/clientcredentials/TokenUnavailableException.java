package dev.gatehouse.identity.clientcredentials;

/** No access token could be obtained. Its message names the failure and never holds a token or secret. */
final class TokenUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenUnavailableException(String message) {
        super(message, null, false, false);
    }
}
