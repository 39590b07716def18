package dev.gatehouse.identity.forwardauth;

import java.io.ByteArrayOutputStream;

/** Wraps a PKCS#1 RSA private key in a PKCS#8 envelope, so the JDK's {@code KeyFactory} can read it. */
final class Pkcs1 {
    /** {@code AlgorithmIdentifier { rsaEncryption, NULL }} in DER. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private Pkcs1() {
    }

    /**
     * @param pkcs1 the DER of an {@code RSAPrivateKey}
     * @return the DER of a {@code PrivateKeyInfo} holding it
     */
    static byte[] toPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(Der.tlv(0x04, pkcs1));
        return Der.tlv(0x30, body.toByteArray());
    }
}
