package dev.gatehouse.identity.apikey;

import java.util.List;
import java.util.Map;

/**
 * One accepted API key. Only its SHA-256 digest is configured: {@code printf %s "$KEY" | sha256sum}.
 *
 * @param sha256   the key's SHA-256 digest, 64 hex digits
 * @param consumer the Consumer id of callers with this key
 * @param groups   the Consumer's groups
 * @param metadata values exposed as the Consumer's claims
 * @param plan     the Consumer's plan, or null
 * @param key      refused: a plain key must never be in config
 * @param value    refused: a plain key must never be in config
 */
public record ApiKeyEntrySpec(String sha256, String consumer, List<String> groups, Map<String, String> metadata,
                              String plan, String key, String value) {
}
