package dev.gatehouse.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's credentials, made fresh for every run so no secret ships in the code: an API key (the config holds
 * only its SHA-256 digest), a JWT signing secret, and a token signed with it for the demo user.
 *
 * @param apiKey       the key a client sends in {@code X-Api-Key}
 * @param apiKeySha256 its digest, as the config stores it
 * @param jwtSecret    the HS256 signing secret
 * @param token        a token for {@code demo-user}, valid for a day
 */
record DemoCredentials(String apiKey, String apiKeySha256, String jwtSecret, String token) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static DemoCredentials generate() {
        String key = "gh-demo-" + hex(16);
        String secret = hex(32);
        return new DemoCredentials(key, sha256(key), secret, sign(secret));
    }

    private static String sign(String secret) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("demo-user")
                .issuer("gatehouse-demo")
                .claim("groups", List.of("demo"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the demo token", e);
        }
        return jwt.serialize();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
