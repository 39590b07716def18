package dev.gatehouse.middleware.stripprefix;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds {@code stripPrefix} middlewares. */
public final class StripPrefixFactory implements MiddlewareFactory<StripPrefixSpec> {
    @Override
    public String kind() {
        return "stripPrefix";
    }

    @Override
    public Class<StripPrefixSpec> specType() {
        return StripPrefixSpec.class;
    }

    @Override
    public Middleware create(StripPrefixSpec spec, BuildContext ctx) {
        List<String> prefixes = spec.prefixes() == null ? List.of() : spec.prefixes();
        byte[][] bytes = new byte[prefixes.size()][];
        String[] headers = new String[prefixes.size()];
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i);
            if (p == null) {
                throw new InvalidSpecException("prefixes[" + i + "]", "must not be null");
            }
            bytes[i] = p.getBytes(StandardCharsets.UTF_8);
            headers[i] = p.strip();
        }
        return new StripPrefixMiddleware(bytes, headers, Boolean.TRUE.equals(spec.forceSlash()));
    }
}
