package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Makes the key source of one trusted issuer from its exactly-one key setting. */
final class KeySources {
    private final BuildContext ctx;
    private final Duration timeout;
    private final int maxRetries;

    /**
     * A source with the algorithms allowed with it.
     *
     * @param source     the keys
     * @param algorithms the allowed algorithms
     */
    record Keyed(KeySource source, Set<JWSAlgorithm> algorithms) {
    }

    /** What identifies a JWKS cache resource: a changed URL, list or client setting makes a new one. */
    private record CacheSpec(URI uri, Set<JWSAlgorithm> algorithms, Duration timeout, int maxRetries) {
    }

    KeySources(BuildContext ctx, Duration timeout, int maxRetries) {
        this.ctx = ctx;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
    }

    /** @return how many of the values are set */
    static int count(String... values) {
        int n = 0;
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Builds a key source.
     *
     * @param secret     signingSecret
     * @param base64     signingSecretBase64Encoded
     * @param publicKey  publicKey
     * @param jwksFile   jwksFile
     * @param jwksUrl    jwksUrl
     * @param algorithms the configured allow-list, or null
     * @param prefix     the key path prefix, such as {@code issuers[0].}
     * @return the source and its algorithms
     */
    Keyed of(String secret, boolean base64, String publicKey, String jwksFile, String jwksUrl,
             List<String> algorithms, String prefix) {
        if (count(secret, publicKey, jwksFile, jwksUrl) != 1) {
            throw new InvalidSpecException(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
                    "set exactly one of signingSecret, publicKey, jwksFile or jwksUrl");
        }
        boolean hmac = secret != null && !secret.isBlank();
        Set<JWSAlgorithm> allowed;
        try {
            allowed = Algorithms.allowed(algorithms, hmac ? Algorithms.HMAC : Algorithms.ASYMMETRIC);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(prefix + "algorithms", e.getMessage());
        }
        if (hmac) {
            return new Keyed(fixed(() -> Keys.secret(secret, base64, allowed), prefix + "signingSecret"), allowed);
        }
        if (publicKey != null && !publicKey.isBlank()) {
            return new Keyed(fixed(() -> Keys.publicKey(publicKey, allowed), prefix + "publicKey"), allowed);
        }
        if (jwksFile != null && !jwksFile.isBlank()) {
            return new Keyed(fixed(() -> jwksFile(jwksFile, allowed), prefix + "jwksFile"), allowed);
        }
        URI uri = jwksUri(jwksUrl, prefix + "jwksUrl");
        String key = "jwks:" + uri + " " + new java.util.TreeSet<>(allowed.stream().map(JWSAlgorithm::getName)
                .toList());
        JwksCache cache = ctx.resource(key, new CacheSpec(uri, allowed, timeout, maxRetries),
                () -> new JwksCache(uri, allowed, timeout, maxRetries, JwksTiming.DEFAULT));
        return new Keyed(cache, allowed);
    }

    private static KeySource fixed(java.util.function.Supplier<KeySet> make, String key) {
        try {
            KeySet set = make.get();
            if (set.isEmpty()) {
                throw new InvalidSpecException(key, "holds no key usable with the allowed algorithms");
            }
            return new KeySource.Fixed(set);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(key, e.getMessage());
        }
    }

    private KeySet jwksFile(String value, Set<JWSAlgorithm> allowed) {
        String text = value.strip();
        if (!text.startsWith("{")) {
            Path path = ctx.baseDir() == null ? Path.of(text) : ctx.baseDir().resolve(text);
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + path + ": " + e.getClass().getSimpleName());
            }
        }
        try {
            return Keys.fromJwkSet(JWKSet.parse(text), allowed);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("is not a JWK set");
        }
    }

    private static URI jwksUri(String url, String key) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(key, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidSpecException(key, "must be an absolute http or https URL; a path resolved against"
                    + " the token's iss is not supported (it would let a token choose where keys come from)");
        }
        return uri;
    }
}
