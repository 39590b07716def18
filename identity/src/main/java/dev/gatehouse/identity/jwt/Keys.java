package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns configured key material into {@link KeySet}s: a secret, a PEM public key or certificate, a JWK set.
 * Error messages name what is wrong, never the key material itself.
 */
final class Keys {
    /** RSA keys below this size are refused (RFC 7518 section 3.3). */
    static final int MIN_RSA_BITS = 2048;
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte public key follows it. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    private Keys() {
    }

    /**
     * A signing secret.
     *
     * @param secret  the secret as configured
     * @param base64  whether it is base64-encoded
     * @param allowed the allowed algorithms (HMAC)
     * @return one key
     */
    static KeySet secret(String secret, boolean base64, Set<JWSAlgorithm> allowed) {
        byte[] bytes;
        try {
            bytes = base64 ? Base64.getDecoder().decode(secret.strip()) : secret.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64");
        }
        if (bytes.length < 32) {
            throw new IllegalArgumentException("is shorter than 32 bytes (256 bits), the least HS256 allows"
                    + " (RFC 7518 section 3.2)");
        }
        try {
            MACVerifier v = new MACVerifier(bytes);
            Set<JWSAlgorithm> algs = intersect(v.supportedJWSAlgorithms(), allowed);
            if (algs.isEmpty()) {
                throw new IllegalArgumentException("is too short for the configured algorithms");
            }
            return new KeySet(List.of(new VerificationKey(null, v, algs)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot be used as an HMAC key");
        }
    }

    /**
     * A PEM public key ({@code BEGIN PUBLIC KEY}) or certificate ({@code BEGIN CERTIFICATE}).
     *
     * @param pem     the PEM text
     * @param allowed the allowed algorithms
     * @return one key
     */
    static KeySet publicKey(String pem, Set<JWSAlgorithm> allowed) {
        PublicKey key = parsePem(pem);
        VerificationKey k = verificationKey(null, key, allowed);
        if (k == null) {
            throw new IllegalArgumentException("has a key type or size that the configured algorithms cannot use"
                    + " (RSA keys need " + MIN_RSA_BITS + " bits or more)");
        }
        return new KeySet(List.of(k));
    }

    /**
     * The usable keys of a JWK set: signature keys (RSA, EC, Ed25519) whose {@code use}, if any, is {@code sig}.
     * Symmetric ({@code oct}) keys and keys too weak are skipped.
     *
     * @param set     the set
     * @param allowed the allowed algorithms
     * @return the keys
     */
    static KeySet fromJwkSet(JWKSet set, Set<JWSAlgorithm> allowed) {
        List<VerificationKey> out = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                continue;
            }
            Set<JWSAlgorithm> algs = allowed;
            if (jwk.getAlgorithm() != null) {
                JWSAlgorithm declared = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
                algs = allowed.contains(declared) ? Set.of(declared) : Set.of();
            }
            PublicKey key = toPublicKey(jwk);
            VerificationKey k = key == null || algs.isEmpty() ? null : verificationKey(jwk.getKeyID(), key, algs);
            if (k != null) {
                out.add(k);
            }
        }
        return new KeySet(out);
    }

    private static PublicKey toPublicKey(JWK jwk) {
        try {
            return switch (jwk) {
                case RSAKey rsa -> rsa.toRSAPublicKey();
                case ECKey ec -> ec.toECPublicKey();
                case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) -> ed25519(okp.getDecodedX());
                default -> null;
            };
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static PublicKey ed25519(byte[] x) throws GeneralSecurityException {
        if (x.length != 32) {
            return null;
        }
        byte[] der = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, der, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    private static VerificationKey verificationKey(String kid, PublicKey key, Set<JWSAlgorithm> allowed) {
        try {
            JWSVerifier v;
            switch (key) {
                case RSAPublicKey rsa -> {
                    if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                        return null;
                    }
                    v = new RSASSAVerifier(rsa);
                }
                case ECPublicKey ec -> v = new ECDSAVerifier(ec);
                case EdECPublicKey ed when "Ed25519".equalsIgnoreCase(ed.getParams().getName()) ->
                        v = new Ed25519Verifier(ed);
                default -> {
                    return null;
                }
            }
            Set<JWSAlgorithm> algs = intersect(v.supportedJWSAlgorithms(), allowed);
            return algs.isEmpty() ? null : new VerificationKey(kid, v, algs);
        } catch (JOSEException e) {
            return null;
        }
    }

    private static PublicKey parsePem(String pem) {
        String text = pem.strip();
        if (text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("holds a private key; configure the public key only");
        }
        if (text.contains("BEGIN RSA PUBLIC KEY")) {
            throw new IllegalArgumentException("is a PKCS#1 RSA key; use a \"BEGIN PUBLIC KEY\" (SubjectPublicKeyInfo)"
                    + " PEM, as openssl rsa -pubout writes");
        }
        byte[] der = pemBody(text);
        if (text.contains("BEGIN CERTIFICATE")) {
            try {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("is not a valid certificate");
            }
        }
        for (String type : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("is not an RSA, EC or Ed25519 public key in PEM form");
    }

    private static byte[] pemBody(String text) {
        if (!text.startsWith("-----BEGIN ")) {
            throw new IllegalArgumentException("must be PEM text (-----BEGIN PUBLIC KEY----- ...)");
        }
        StringBuilder b64 = new StringBuilder();
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (!l.startsWith("-----") && !l.isEmpty()) {
                b64.append(l);
            }
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a PEM body that is not valid base64");
        }
    }

    private static Set<JWSAlgorithm> intersect(Set<JWSAlgorithm> a, Set<JWSAlgorithm> b) {
        Set<JWSAlgorithm> out = new HashSet<>(a);
        out.retainAll(b);
        return Set.copyOf(out);
    }
}
