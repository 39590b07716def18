package dev.gatehouse.server.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM certificates and keys given, as Traefik allows, either as a file path or as the PEM text itself.
 * Keys may be PKCS#8, PKCS#1 (RSA) or SEC1 (EC); encrypted keys are not supported.
 */
public final class PemMaterial {
    private PemMaterial() {
    }

    /**
     * @param value   a path or inline PEM
     * @param baseDir the directory relative paths resolve against
     * @return the PEM text
     * @throws IOException when the file cannot be read
     */
    public static String text(String value, Path baseDir) throws IOException {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        Path p = Path.of(value);
        if (!p.isAbsolute() && baseDir != null) {
            p = baseDir.resolve(p);
        }
        if (!Files.isRegularFile(p)) {
            throw new IOException("no such file " + p);
        }
        return Files.readString(p, StandardCharsets.US_ASCII);
    }

    /**
     * @param pem PEM text with one or more certificates
     * @return the certificates, leaf first
     * @throws CertificateException when none can be parsed
     */
    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return out;
    }

    /**
     * @param pem PEM text with a private key
     * @return the key
     * @throws IOException when no supported key is found
     */
    public static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return conv.getPrivateKey(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return conv.getPrivateKey(info);
                }
            }
        }
        throw new IOException("no supported private key found (PKCS#8, PKCS#1 or SEC1 PEM, unencrypted)");
    }
}
