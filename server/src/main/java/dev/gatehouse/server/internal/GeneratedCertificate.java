package dev.gatehouse.server.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificate served when no configured certificate matches and no default is configured, like
 * Traefik's "TRAEFIK DEFAULT CERT". Generated once per process, so a config reload does not change it.
 *
 * @param key   the private key
 * @param chain the certificate
 */
public record GeneratedCertificate(PrivateKey key, X509Certificate[] chain) {
    private static volatile GeneratedCertificate instance;

    /** @return the process's default certificate, generated on first use */
    public static GeneratedCertificate get() {
        GeneratedCertificate c = instance;
        if (c == null) {
            synchronized (GeneratedCertificate.class) {
                c = instance;
                if (c == null) {
                    c = generate("TRAEFIK DEFAULT CERT");
                    instance = c;
                }
            }
        }
        return c;
    }

    /**
     * Generates a self-signed EC P-256 certificate.
     *
     * @param commonName the subject's common name
     * @param dnsNames   subject alternative names
     * @return the certificate and key
     */
    public static GeneratedCertificate generate(String commonName, String... dnsNames) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = kpg.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            byte[] serial = new byte[16];
            new SecureRandom().nextBytes(serial);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    kp.getPublic());
            String[] names = dnsNames.length > 0 ? dnsNames
                    : new String[] {HexFormat.of().formatHex(serial, 0, 8) + "." + HexFormat.of().formatHex(serial, 8,
                    16) + ".traefik.default"};
            GeneralName[] gn = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                gn[i] = new GeneralName(GeneralName.dNSName, names[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(gn));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            return new GeneratedCertificate(kp.getPrivate(), new X509Certificate[] {cert});
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }
}
