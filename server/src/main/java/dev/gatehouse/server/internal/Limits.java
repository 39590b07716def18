package dev.gatehouse.server.internal;

/**
 * Protocol limits of a listener.
 *
 * @param maxInitialLineLength the longest request line; longer gets 414
 * @param maxHeaderSize        the largest header block; larger gets 431
 * @param maxChunkSize         the largest body chunk handed on at once (bigger ones are split)
 */
public record Limits(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
    /** The defaults: 16 KiB request line, 1 MiB of headers (Go's and so Traefik's default), 16 KiB chunks. */
    public static final Limits DEFAULT = new Limits(16 * 1024, 1024 * 1024, 16 * 1024);
}
