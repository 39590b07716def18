package dev.gatehouse.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of logs and the admin API. Use it before a header map or a config tree goes anywhere a
 * person can read it.
 */
public final class Redactor {
    /** What a hidden value is replaced with (Traefik's word). */
    public static final String REDACTED = "REDACTED";

    /** Header names (lower case) whose values are credentials. */
    public static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "api-key", "x-auth-token", "x-amz-security-token", "x-goog-api-key");

    /** Config key names (lower case, without {@code _} and {@code -}) whose values are credentials. */
    private static final Set<String> SENSITIVE_KEYS = Set.of("token", "users", "credentials", "key");

    /**
     * Endings of config key names (normalised as above) that mark credentials. Endings, not parts: an LLM
     * middleware's {@code maxTokens} is not a secret, its {@code apiKey} is.
     */
    private static final List<String> SENSITIVE_KEY_ENDINGS = List.of("password", "secret", "apikey",
            "privatekey", "accesstoken", "authtoken", "bearertoken", "refreshtoken", "sessiontoken",
            "credentials");

    private Redactor() {
    }

    /**
     * @param name a header name, in any case
     * @return true when its value is a credential
     */
    public static boolean isSensitiveHeader(String name) {
        return SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Copies headers for a log, hiding credentials.
     *
     * @param headers the headers
     * @return name to value (repeated values joined with a comma), credentials replaced by {@link #REDACTED}
     */
    public static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : headers.names()) {
            out.put(name, isSensitiveHeader(name) ? REDACTED : String.join(",", headers.getAll(name)));
        }
        return out;
    }

    /**
     * Copies a name-to-value map for a log, hiding credentials.
     *
     * @param values header-like values
     * @return a copy with credentials replaced by {@link #REDACTED}
     */
    public static Map<String, String> headers(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, isSensitiveHeader(k) ? REDACTED : v));
        return out;
    }

    /**
     * @param key a config key, such as {@code apiKey} or {@code clientSecret}
     * @return true when its value is a credential
     */
    public static boolean isSensitiveKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (SENSITIVE_KEYS.contains(k)) {
            return true;
        }
        for (String ending : SENSITIVE_KEY_ENDINGS) {
            if (k.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hides credentials in a config tree, in place: every value under a sensitive key (see
     * {@link #isSensitiveKey}) becomes {@link #REDACTED}, element by element for arrays.
     *
     * @param node the tree; may be null
     * @return the same tree
     */
    public static JsonNode redactTree(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = obj.fieldNames();
            it.forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = obj.get(name);
                if (isSensitiveKey(name)) {
                    obj.set(name, hide(child));
                } else {
                    redactTree(child);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(Redactor::redactTree);
        }
        return node;
    }

    private static JsonNode hide(JsonNode value) {
        if (value instanceof ArrayNode arr) {
            ArrayNode copy = arr.arrayNode(arr.size());
            arr.forEach(v -> copy.add(REDACTED));
            return copy;
        }
        return value == null || value.isNull() ? value : TextNode.valueOf(REDACTED);
    }
}
