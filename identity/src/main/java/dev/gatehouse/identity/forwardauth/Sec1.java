package dev.gatehouse.identity.forwardauth;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Wraps a SEC1 EC private key ({@code BEGIN EC PRIVATE KEY}, as OpenSSL and cert-manager write it) in a PKCS#8
 * envelope, taking the curve from the key's own {@code parameters [0]} field.
 */
final class Sec1 {
    /** The DER of the OID {@code id-ecPublicKey} (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Sec1() {
    }

    /**
     * @param sec1 the DER of an {@code ECPrivateKey}
     * @return the DER of a {@code PrivateKeyInfo} holding it, or null when the key names no curve
     */
    static byte[] toPkcs8(byte[] sec1) {
        byte[] curve = curveOid(sec1);
        if (curve == null) {
            return null;
        }
        ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
        algorithm.writeBytes(EC_PUBLIC_KEY);
        algorithm.writeBytes(curve);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(Der.tlv(0x30, algorithm.toByteArray()));
        body.writeBytes(Der.tlv(0x04, sec1));
        return Der.tlv(0x30, body.toByteArray());
    }

    /** The curve's OID element (tag, length, value) from {@code parameters [0]}, or null. */
    private static byte[] curveOid(byte[] sec1) {
        try {
            int[] seq = Der.header(sec1, 0);
            int at = seq[0];
            int end = seq[0] + seq[1];
            while (at < end) {
                int[] h = Der.header(sec1, at);
                if ((sec1[at] & 0xff) == 0xa0) {
                    int[] oid = Der.header(sec1, h[0]);
                    return sec1[h[0]] == 0x06 ? Arrays.copyOfRange(sec1, h[0], oid[0] + oid[1]) : null;
                }
                at = h[0] + h[1];
            }
            return null;
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }
}
