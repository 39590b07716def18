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
        body.write(new byte[] {0x02, 0x01, 0x00}, 0, 3);
        body.write(RSA_ALGORITHM, 0, RSA_ALGORITHM.length);
        body.write(0x04);
        writeLength(body, pkcs1.length);
        body.write(pkcs1, 0, pkcs1.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, body.size());
        byte[] content = body.toByteArray();
        out.write(content, 0, content.length);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }
}
