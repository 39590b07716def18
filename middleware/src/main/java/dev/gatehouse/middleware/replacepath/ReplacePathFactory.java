package dev.gatehouse.middleware.replacepath;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.middleware.internal.PathCodec;

/** Builds {@code replacePath} middlewares. */
public final class ReplacePathFactory implements MiddlewareFactory<ReplacePathSpec> {
    @Override
    public String kind() {
        return "replacePath";
    }

    @Override
    public Class<ReplacePathSpec> specType() {
        return ReplacePathSpec.class;
    }

    @Override
    public Middleware create(ReplacePathSpec spec, BuildContext ctx) {
        String path = spec.path() == null ? "" : spec.path();
        // Traefik fails every request with 500 when the path has a bad escape; refusing the config says the
        // same thing once, where it can be fixed.
        if (!PathCodec.hasValidEscapes(path)) {
            throw new InvalidSpecException("path", "invalid percent-encoding in \"" + path + "\"");
        }
        return new ReplacePathMiddleware(PathCodec.forwardable(path));
    }
}
