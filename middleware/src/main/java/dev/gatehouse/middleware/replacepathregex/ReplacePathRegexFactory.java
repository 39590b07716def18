package dev.gatehouse.middleware.replacepathregex;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.middleware.internal.GoRegex;

/** Builds {@code replacePathRegex} middlewares. */
public final class ReplacePathRegexFactory implements MiddlewareFactory<ReplacePathRegexSpec> {
    @Override
    public String kind() {
        return "replacePathRegex";
    }

    @Override
    public Class<ReplacePathRegexSpec> specType() {
        return ReplacePathRegexSpec.class;
    }

    @Override
    public Middleware create(ReplacePathRegexSpec spec, BuildContext ctx) {
        String replacement = spec.replacement() == null ? "" : spec.replacement().strip();
        return new ReplacePathRegexMiddleware(GoRegex.compile("regex", spec.regex()), replacement);
    }
}
