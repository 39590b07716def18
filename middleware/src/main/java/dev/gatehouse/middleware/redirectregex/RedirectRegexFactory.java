package dev.gatehouse.middleware.redirectregex;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.middleware.internal.GoRegex;
import dev.gatehouse.middleware.internal.Redirector;

/** Builds {@code redirectRegex} middlewares. */
public final class RedirectRegexFactory implements MiddlewareFactory<RedirectRegexSpec> {
    @Override
    public String kind() {
        return "redirectRegex";
    }

    @Override
    public Class<RedirectRegexSpec> specType() {
        return RedirectRegexSpec.class;
    }

    @Override
    public Middleware create(RedirectRegexSpec spec, BuildContext ctx) {
        // Traefik uses regex and replacement exactly as written, without trimming.
        String replacement = spec.replacement() == null ? "" : spec.replacement();
        return new RedirectRegexMiddleware(new Redirector(GoRegex.compile("regex", spec.regex(), false),
                replacement, Boolean.TRUE.equals(spec.permanent())));
    }
}
