package dev.gatehouse.identity.forwardauth;

import java.io.ByteArrayOutputStream;

/** The little DER that key envelopes need: reading a header, writing an element. */
final class Der {
    private Der() {
    }

    /**
     * Reads the header of the element at {@code at}.
     *
     * @param der the bytes
     * @param at  the element's tag position
     * @return {content start, content length}
     */
    static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int n = first & 0x7f;
        if (n == 0 || n > 3) {
            throw new ArrayIndexOutOfBoundsException("unsupported DER length");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + n, len};
    }

    /**
     * @param tag     the tag
     * @param content the content
     * @return the element
     */
    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
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
        out.writeBytes(content);
        return out.toByteArray();
    }
}
