package dev.gatehouse.middleware.addprefix;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.middleware.internal.PathCodec;

/** Builds {@code addPrefix} middlewares. */
public final class AddPrefixFactory implements MiddlewareFactory<AddPrefixSpec> {
    @Override
    public String kind() {
        return "addPrefix";
    }

    @Override
    public Class<AddPrefixSpec> specType() {
        return AddPrefixSpec.class;
    }

    @Override
    public Middleware create(AddPrefixSpec spec, BuildContext ctx) {
        if (spec.prefix() == null || spec.prefix().isEmpty()) {
            throw new InvalidSpecException("prefix", "prefix cannot be empty");
        }
        // The prefix is a decoded path, as in Traefik: a '%' or a space in it is escaped before it joins the
        // raw path.
        return new AddPrefixMiddleware(PathCodec.escape(spec.prefix()));
    }
}
