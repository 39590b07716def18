package dev.gatehouse.traffic.compress;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.Zstd;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Builds {@code compress} middlewares. */
public final class CompressFactory implements MiddlewareFactory<CompressSpec> {
    /** Traefik's default: the order is the priority at equal q-values. */
    static final List<String> DEFAULT_ENCODINGS = List.of(ChunkEncoder.ZSTD, ChunkEncoder.BROTLI, ChunkEncoder.GZIP);
    static final int DEFAULT_MIN_SIZE = 1024;
    private static final Set<String> SUPPORTED = Set.copyOf(DEFAULT_ENCODINGS);

    @Override
    public String kind() {
        return "compress";
    }

    @Override
    public Class<CompressSpec> specType() {
        return CompressSpec.class;
    }

    @Override
    public Middleware create(CompressSpec spec, BuildContext ctx) {
        List<String> excluded = spec.excludedContentTypes() == null ? List.of() : spec.excludedContentTypes();
        List<String> included = spec.includedContentTypes() == null ? List.of() : spec.includedContentTypes();
        if (!excluded.isEmpty() && !included.isEmpty()) {
            throw new InvalidSpecException("",
                    "excludedContentTypes and includedContentTypes options are mutually exclusive");
        }
        List<MediaType> excludes = new ArrayList<>();
        excludes.add(MediaType.parse("application/grpc"));
        excludes.addAll(parseAll(excluded, "excludedContentTypes"));
        List<MediaType> includes = parseAll(included, "includedContentTypes");
        Set<String> requestExcludes = new HashSet<>();
        excludes.forEach(m -> requestExcludes.add(m.type()));

        List<String> encodings = spec.encodings() == null ? DEFAULT_ENCODINGS : spec.encodings();
        if (encodings.isEmpty()) {
            throw new InvalidSpecException("encodings", "at least one encoding must be specified");
        }
        for (int i = 0; i < encodings.size(); i++) {
            String e = encodings.get(i);
            if (!SUPPORTED.contains(e)) {
                throw new InvalidSpecException("encodings[" + i + "]",
                        "unsupported encoding \"" + e + "\" (expected zstd, br or gzip)");
            }
            checkAvailable(e, "encodings[" + i + "]");
        }
        String def = spec.defaultEncoding() == null || spec.defaultEncoding().isEmpty()
                ? null : spec.defaultEncoding();
        if (def != null && !encodings.contains(def)) {
            throw new InvalidSpecException("defaultEncoding",
                    "unsupported default encoding \"" + def + "\" (expected one of " + encodings + ")");
        }
        // As in Traefik, 0 or less means the default.
        int min = spec.minResponseBodyBytes() == null || spec.minResponseBodyBytes() <= 0
                ? DEFAULT_MIN_SIZE : spec.minResponseBodyBytes();
        return new CompressMiddleware(new AcceptEncoding(encodings, def), def, Set.copyOf(requestExcludes),
                List.copyOf(excludes), includes, min);
    }

    private static List<MediaType> parseAll(List<String> types, String key) {
        List<MediaType> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            MediaType m = MediaType.parse(types.get(i));
            if (m == null) {
                throw new InvalidSpecException(key + "[" + i + "]",
                        "\"" + types.get(i) + "\" is not a media type (expected e.g. text/html)");
            }
            out.add(m);
        }
        return List.copyOf(out);
    }

    private static void checkAvailable(String encoding, String key) {
        boolean ok = switch (encoding) {
            case ChunkEncoder.BROTLI -> Brotli.isAvailable();
            case ChunkEncoder.ZSTD -> Zstd.isAvailable();
            default -> true;
        };
        if (!ok) {
            throw new InvalidSpecException(key, "the " + encoding + " native library is not available on this "
                    + "platform; remove it from encodings");
        }
    }
}
