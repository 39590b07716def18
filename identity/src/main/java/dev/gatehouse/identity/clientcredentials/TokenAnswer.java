package dev.gatehouse.identity.clientcredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A token endpoint's answer (RFC 6749 section 5.1): {@code access_token} and {@code expires_in}; an error answer
 * (section 5.2) becomes a {@link TokenUnavailableException} naming the status and the {@code error} code only.
 *
 * @param accessToken      the token
 * @param expiresInSeconds its lifetime, or 0 when the answer gives none
 */
record TokenAnswer(String accessToken, long expiresInSeconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param status the HTTP status
     * @param body   the body
     * @return the answer
     * @throws TokenUnavailableException when the answer holds no token
     */
    static TokenAnswer parse(int status, byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (status != 200) {
            String code = tree != null && tree.path("error").isTextual() ? tree.path("error").asText() : null;
            throw new TokenUnavailableException("token endpoint answered " + status
                    + (code != null && code.matches("[A-Za-z0-9_.-]{1,64}") ? " (" + code + ")" : ""));
        }
        if (tree == null || !tree.path("access_token").isTextual() || tree.path("access_token").asText().isEmpty()) {
            throw new TokenUnavailableException("token endpoint answer has no access_token");
        }
        String token = tree.path("access_token").asText();
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // Only visible ASCII can go in a header (RFC 6750's b64token is a subset).
            throw new TokenUnavailableException("token endpoint answer has an unusable access_token");
        }
        JsonNode exp = tree.path("expires_in");
        long expiresIn = exp.isNumber() ? exp.asLong() : exp.isTextual() ? parseLong(exp.asText()) : 0;
        return new TokenAnswer(token, Math.max(0, expiresIn));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "TokenAnswer[expiresIn=" + expiresInSeconds + "]";
    }
}
