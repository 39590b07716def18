package dev.gatehouse.identity.apikey;

import java.util.List;

/**
 * {@code apiKey} (also {@code plugin: {apiKey: ...}}): authenticates callers by an API key. See
 * {@code docs/middlewares/apiKey.md}.
 *
 * @param keySource              where the client sends the key (Traefik Hub's {@code keySource})
 * @param secretNonBase64Encoded Hub: whether the client sends the key without base64; see the docs for the default
 * @param secretValues           Hub: htpasswd hashes; not supported yet (use {@code keys})
 * @param keys                   the accepted keys, as SHA-256 digests with their consumers
 * @param keysFile               a YAML or JSON file with more keys, relative to the config directory
 * @param forwardKey             keep the key in the forwarded request; default false (it is removed)
 */
public record ApiKeySpec(ApiKeySourceSpec keySource, Boolean secretNonBase64Encoded, List<String> secretValues,
                         List<ApiKeyEntrySpec> keys, String keysFile, Boolean forwardKey) {
}
