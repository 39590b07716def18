package dev.gatehouse.identity.anyof;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.core.auth.Authenticator;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code authAnyOf} middlewares from other, already built, authentication middlewares. */
public final class AuthAnyOfFactory implements MiddlewareFactory<AuthAnyOfSpec> {
    @Override
    public String kind() {
        return "authAnyOf";
    }

    @Override
    public Class<AuthAnyOfSpec> specType() {
        return AuthAnyOfSpec.class;
    }

    @Override
    public Middleware create(AuthAnyOfSpec spec, BuildContext ctx) {
        if (spec.middlewares() == null || spec.middlewares().isEmpty()) {
            throw new InvalidSpecException("middlewares", "list at least one authentication middleware");
        }
        List<Authenticator> authenticators = new ArrayList<>();
        for (int i = 0; i < spec.middlewares().size(); i++) {
            String name = spec.middlewares().get(i);
            String path = "middlewares[" + i + "]";
            if (name == null || name.isBlank()) {
                throw new InvalidSpecException(path, "needs a middleware name");
            }
            Middleware m;
            try {
                m = ctx.middleware(name);
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException(path, e.getMessage());
            }
            if (!(m instanceof Authenticator a)) {
                throw new InvalidSpecException(path, "\"" + name + "\" is not an authentication middleware"
                        + " (jwt, apiKey, oidc, oauth2Introspection, forwardAuth, ...)");
            }
            authenticators.add(a);
        }
        return new AuthAnyOfMiddleware(authenticators, Boolean.TRUE.equals(spec.anonymous()));
    }
}
