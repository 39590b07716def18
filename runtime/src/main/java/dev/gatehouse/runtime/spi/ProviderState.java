package dev.gatehouse.runtime.spi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A provider's complete state: the text of its config sources, not yet parsed, so that an unchanged state is
 * recognised by its hash before any parsing.
 *
 * @param provider  the provider's name
 * @param sources   the sources, in a stable order
 * @param baseDir   where relative file names inside the config resolve
 * @param readError why the provider could not read its sources, or null
 */
public record ProviderState(String provider, List<Source> sources, Path baseDir, String readError) {
    /**
     * One config source.
     *
     * @param name    the name shown in errors (a file name as the user gave it)
     * @param content the text
     */
    public record Source(String name, String content) {
    }

    /** @return a SHA-256 over the provider's name, source names and contents, hex */
    public String contentHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(provider.getBytes(StandardCharsets.UTF_8));
            for (Source s : sources) {
                md.update((byte) 0);
                md.update(s.name().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.content().getBytes(StandardCharsets.UTF_8));
            }
            if (readError != null) {
                md.update(readError.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
