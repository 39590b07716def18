package dev.gatehouse.middleware.basicauth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.commons.codec.digest.Md5Crypt;

/**
 * One htpasswd hash, checked the way Traefik's htpasswd library checks it: {@code {SHA}} is base64 SHA-1,
 * {@code $2a$}/{@code $2b$}/{@code $2y$} is bcrypt, and anything else is read as MD5-crypt
 * ({@code $apr1$} or {@code $1$}), so a plain-text password never matches. Comparisons take constant time.
 */
final class PasswordHash {
    private enum Kind { SHA, BCRYPT, APR1, MD5, NONE }

    private final Kind kind;
    private final String hash;
    private final byte[] hashBytes;

    private PasswordHash(Kind kind, String hash) {
        this.kind = kind;
        this.hash = hash;
        this.hashBytes = hash.getBytes(StandardCharsets.UTF_8);
    }

    static PasswordHash parse(String hash) {
        Kind kind;
        if (hash.startsWith("{SHA}")) {
            kind = Kind.SHA;
        } else if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            kind = Kind.BCRYPT;
        } else if (hash.startsWith("$apr1$")) {
            kind = Kind.APR1;
        } else if (hash.startsWith("$1$")) {
            kind = Kind.MD5;
        } else {
            kind = Kind.NONE;
        }
        return new PasswordHash(kind, hash);
    }

    /** @return true for hashes too slow to check on an event loop (bcrypt) */
    boolean slow() {
        return kind == Kind.BCRYPT;
    }

    /**
     * Checks a password.
     *
     * @param password the password bytes as the client sent them
     * @return true when it matches
     */
    boolean matches(byte[] password) {
        try {
            return switch (kind) {
                case SHA -> MessageDigest.isEqual(hashBytes, ("{SHA}" + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-1").digest(password)))
                        .getBytes(StandardCharsets.US_ASCII));
                case BCRYPT -> BCrypt.verifyer().verify(password, hashBytes).verified;
                case APR1 -> MessageDigest.isEqual(hashBytes,
                        Md5Crypt.apr1Crypt(password, hash).getBytes(StandardCharsets.UTF_8));
                case MD5 -> MessageDigest.isEqual(hashBytes,
                        Md5Crypt.md5Crypt(password, hash).getBytes(StandardCharsets.UTF_8));
                case NONE -> false;
            };
        } catch (IllegalArgumentException e) {
            // A malformed hash (bad salt, bad cost) or an over-long bcrypt password never matches.
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
