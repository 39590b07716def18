package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the {@link SSLContext} of a {@code forwardAuth} client from its {@code tls} block, once, in the factory.
 * As in Traefik, a {@code ca} replaces the system roots rather than adding to them.
 */
final class ClientTls {
    private static final char[] NO_PASSWORD = new char[0];

    private ClientTls() {
    }

    /**
     * @param tls     the block, or null
     * @param baseDir the directory relative file names are resolved against
     * @return the context, or null for the JDK's default
     */
    static SSLContext context(ForwardAuthTlsSpec tls, Path baseDir) {
        if (tls == null) {
            return null;
        }
        boolean hasCert = tls.cert() != null && !tls.cert().isEmpty();
        boolean hasKey = tls.key() != null && !tls.key().isEmpty();
        if (hasCert != hasKey) {
            throw new InvalidSpecException(hasCert ? "tls.key" : "tls.cert", "cert and key must be set together");
        }
        try {
            TrustManager[] trust = Boolean.TRUE.equals(tls.insecureSkipVerify()) ? new TrustManager[] {new TrustAll()}
                    : tls.ca() == null || tls.ca().isEmpty() ? null : trustManagers(tls.ca(), baseDir);
            KeyManagerFactory keys = hasCert ? keyManagers(tls.cert(), tls.key(), baseDir) : null;
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys == null ? null : keys.getKeyManagers(), trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new InvalidSpecException("tls", "cannot build the TLS client: " + e.getClass().getSimpleName());
        }
    }

    private static TrustManager[] trustManagers(String ca, Path baseDir) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certificates(pem(ca, baseDir, "tls.ca"), "tls.ca")) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static KeyManagerFactory keyManagers(String cert, String key, Path baseDir)
            throws GeneralSecurityException {
        List<Certificate> chain = certificates(pem(cert, baseDir, "tls.cert"), "tls.cert");
        PrivateKey privateKey = privateKey(pem(key, baseDir, "tls.key"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        store.setKeyEntry("client", privateKey, NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, NO_PASSWORD);
        return kmf;
    }

    /** A value is a file when one exists by that name, else PEM text (Traefik reads both the same way). */
    private static String pem(String value, Path baseDir, String key) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        Path file = baseDir == null ? Path.of(value) : baseDir.resolve(value);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSpecException(key, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static List<Certificate> certificates(String pem, String key) throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certs.isEmpty()) {
            throw new InvalidSpecException(key, "no PEM certificate found");
        }
        return new ArrayList<>(certs);
    }

    /**
     * Reads a PEM private key: PKCS#8, PKCS#1 RSA or SEC1 EC.
     *
     * @param pem the PEM text
     * @return the key
     */
    static PrivateKey privateKey(String pem) {
        for (String label : List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY")) {
            int start = pem.indexOf("-----BEGIN " + label + "-----");
            int end = pem.indexOf("-----END " + label + "-----");
            if (start < 0 || end < start) {
                continue;
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(pem.substring(start + label.length() + 16, end));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("tls.key", "the PEM key is not valid base64");
            }
            byte[] pkcs8 = switch (label) {
                case "RSA PRIVATE KEY" -> Pkcs1.toPkcs8(der);
                case "EC PRIVATE KEY" -> Sec1.toPkcs8(der);
                default -> der;
            };
            PrivateKey key = pkcs8 == null ? null : decode(pkcs8);
            if (key != null) {
                return key;
            }
            throw new InvalidSpecException("tls.key", "unsupported or damaged " + label);
        }
        throw new InvalidSpecException("tls.key", "expected a PEM key: BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY "
                + "or BEGIN EC PRIVATE KEY");
    }

    private static PrivateKey decode(byte[] pkcs8) {
        for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        return null;
    }

    /** insecureSkipVerify: no chain or host name check (an extended manager, so the JDK skips both). */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
