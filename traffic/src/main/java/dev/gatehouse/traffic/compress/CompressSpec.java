package dev.gatehouse.traffic.compress;

import java.util.List;

/**
 * {@code compress}: compress responses with zstd, Brotli or gzip, with Traefik's keys and defaults.
 *
 * @param excludedContentTypes response (and request) content types never compressed; {@code application/grpc}
 *                             always is; exclusive with {@code includedContentTypes}
 * @param includedContentTypes when set, only these response content types are compressed
 * @param minResponseBodyBytes smallest body compressed (default 1024)
 * @param encodings            the encodings offered, highest priority first (default zstd, br, gzip)
 * @param defaultEncoding      used when the request has no {@code Accept-Encoding}, or for {@code *}
 */
public record CompressSpec(List<String> excludedContentTypes, List<String> includedContentTypes,
                           Integer minResponseBodyBytes, List<String> encodings, String defaultEncoding) {
}
