package dev.gatehouse.cache.internal;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored response as bytes, for a remote store. Format (big-endian): version byte, status, request and
 * response times, the header fields as (name, value) pairs, the secondary key as (name, present, value), the
 * content. Strings are length-prefixed UTF-8.
 */
public final class StoredResponseCodec {
    private static final byte VERSION = 1;

    private StoredResponseCodec() {
    }

    /**
     * @param r a stored response
     * @return its bytes
     */
    public static byte[] encode(StoredResponse r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + r.body().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(r.status());
            out.writeLong(r.requestTime());
            out.writeLong(r.responseTime());
            out.writeInt(r.headers().size());
            for (Map.Entry<String, String> h : r.headers()) {
                string(out, h.getKey());
                string(out, h.getValue());
            }
            out.writeInt(r.secondaryKey().size());
            for (Map.Entry<String, String> e : r.secondaryKey().entrySet()) {
                string(out, e.getKey());
                out.writeBoolean(e.getValue() != null);
                string(out, e.getValue() == null ? "" : e.getValue());
            }
            out.writeInt(r.body().length);
            out.write(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes what {@link #encode} made
     * @return the stored response
     * @throws IllegalArgumentException when the bytes are not a stored response of this version
     */
    public static StoredResponse decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown stored response version");
            }
            int status = in.readUnsignedShort();
            long requestTime = in.readLong();
            long responseTime = in.readLong();
            int n = count(in.readInt(), bytes.length);
            HttpHeaders headers = new DefaultHttpHeaders();
            for (int i = 0; i < n; i++) {
                headers.add(string(in, bytes.length), string(in, bytes.length));
            }
            int k = count(in.readInt(), bytes.length);
            Map<String, String> secondary = new HashMap<>();
            for (int i = 0; i < k; i++) {
                String name = string(in, bytes.length);
                boolean present = in.readBoolean();
                String value = string(in, bytes.length);
                secondary.put(name, present ? value : null);
            }
            byte[] body = new byte[count(in.readInt(), bytes.length)];
            in.readFully(body);
            return new StoredResponse(status, headers, body, requestTime, responseTime,
                    secondary.isEmpty() ? Map.of() : Collections.unmodifiableMap(secondary));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated stored response", e);
        }
    }

    /**
     * The secondary key as text, one field per line in name order: the hash field a variant is kept under.
     *
     * @param secondary the secondary key
     * @return its text
     */
    public static String secondaryField(Map<String, String> secondary) {
        StringBuilder sb = new StringBuilder("v");
        for (Map.Entry<String, String> e : new TreeMap<>(secondary).entrySet()) {
            sb.append('\n').append(e.getKey()).append(e.getValue() == null ? "!" : "=" + e.getValue());
        }
        return sb.toString();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in, int limit) throws IOException {
        byte[] b = new byte[count(in.readInt(), limit)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(int n, int limit) {
        if (n < 0 || n > limit) {
            throw new IllegalArgumentException("corrupt stored response");
        }
        return n;
    }
}
