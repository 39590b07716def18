package dev.gatehouse.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script and its SHA-1 digest, computed here once. {@link RedisConnection#eval} sends {@code EVALSHA} and
 * falls back to {@code EVAL} (which also caches the script on the server) only when the server answers
 * {@code NOSCRIPT}: after its first use, and again after a Redis restart.
 *
 * @param source the Lua source
 * @param sha    its lowercase hex SHA-1, as Redis names it
 */
public record RedisScript(String source, String sha) {
    /**
     * Makes a script.
     *
     * @param source the Lua source
     * @return the script with its digest
     */
    public static RedisScript of(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new RedisScript(source, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * Reads a script shipped as a class-path resource next to a class.
     *
     * @param anchor the class the resource name is relative to
     * @param name   the resource, such as {@code token-bucket.lua}
     * @return the script with its digest
     */
    public static RedisScript fromResource(Class<?> anchor, String name) {
        try (java.io.InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
