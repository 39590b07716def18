package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keys and tokens for tests: real signatures made with the JOSE library or the JDK. */
public final class TestTokens {
    /** A 32-byte HMAC secret. */
    public static final String SECRET = "0123456789abcdef0123456789abcdef";
    /** An RSA key pair, made once. */
    public static final KeyPair RSA = generate("RSA", 2048);
    /** A second RSA key pair (a rotated key). */
    public static final KeyPair RSA2 = generate("RSA", 2048);
    /** An EC P-256 key pair. */
    public static final KeyPair EC = generateEc();
    /** An Ed25519 key pair. */
    public static final KeyPair ED = generate("Ed25519", 0);

    private TestTokens() {
    }

    private static KeyPair generate(String alg, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generateEc() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return claims valid now: sub alice, expiring in 5 minutes */
    public static JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().subject("alice").issueTime(new Date(now - 1000))
                .expirationTime(new Date(now + 300_000));
    }

    /** @return an HS256 token signed with {@link #SECRET} */
    public static String hs256(JWTClaimsSet claims) {
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param header the header
     * @param claims the claims
     * @param secret the HMAC secret
     * @return the token
     */
    public static String sign(JWSHeader header, JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param pair   the RSA key pair
     * @param kid    the key id, or null
     * @param claims the claims
     * @return an RS256 token
     */
    public static String rs256(KeyPair pair, String kid, JWTClaimsSet claims) {
        return rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), pair, claims);
    }

    /**
     * @param header the header
     * @param pair   the RSA key pair
     * @param claims the claims
     * @return the token
     */
    public static String rs256(JWSHeader header, KeyPair pair, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param kid    the key id
     * @param claims the claims
     * @return an ES256 token signed with {@link #EC}
     */
    public static String es256(String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
            jwt.sign(new ECDSASigner((java.security.interfaces.ECPrivateKey) EC.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An EdDSA token signed with {@link #ED}, made with the JDK's Ed25519.
     *
     * @param kid    the key id
     * @param claims the claims
     * @return the token
     */
    public static String eddsa(String kid, JWTClaimsSet claims) {
        try {
            String input = b64("{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}") + "." + b64(claims.toString());
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(ED.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token with any header, HMAC-signed with raw bytes: for algorithm-confusion attacks.
     *
     * @param headerJson the header JSON
     * @param claims     the claims
     * @param key        the HMAC key bytes
     * @return the token
     */
    public static String rawHs256(String headerJson, JWTClaimsSet claims, byte[] key) {
        try {
            String input = b64(headerJson) + "." + b64(claims.toString());
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param json text
     * @return its base64url form
     */
    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param pair the RSA pair
     * @return the public key as PEM
     */
    public static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * @param pair the RSA pair
     * @param kid  the key id
     * @return the public JWK
     */
    public static RSAKey rsaJwk(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
    }

    /**
     * @param kid the key id
     * @return the EC public JWK
     */
    public static ECKey ecJwk(String kid) {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) EC.getPublic()).keyID(kid).build();
    }

    /**
     * @param keys public JWKs
     * @return the JWK set JSON
     */
    public static String jwks(com.nimbusds.jose.jwk.JWK... keys) {
        return new JWKSet(java.util.List.of(keys)).toString(true);
    }

    /**
     * @param kid the key id
     * @return the Ed25519 public JWK JSON object
     */
    public static String edJwkJson(String kid) {
        byte[] der = ED.getPublic().getEncoded();
        byte[] x = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(x) + "\"}";
    }
}
