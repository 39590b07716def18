package dev.gatehouse.middleware.ipallowlist;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.MiddlewareFactory;

/** Builds {@code ipWhiteList} middlewares: Traefik v3 still accepts the deprecated name, so we do too. */
public final class IpWhiteListFactory implements MiddlewareFactory<IpWhiteListSpec> {
    @Override
    public String kind() {
        return "ipWhiteList";
    }

    @Override
    public Class<IpWhiteListSpec> specType() {
        return IpWhiteListSpec.class;
    }

    @Override
    public Middleware create(IpWhiteListSpec spec, BuildContext ctx) {
        return IpAllowListFactory.build(spec.sourceRange(), spec.ipStrategy(), null);
    }
}
