package dev.gatehouse.middleware.replacepath;

/**
 * {@code replacePath}: replaces the whole request path.
 *
 * @param path the new path, in encoded form ({@code /foo%2Fbar} keeps its encoded slash); required
 */
public record ReplacePathSpec(String path) {
}
