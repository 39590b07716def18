package dev.gatehouse.middleware.chain;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code chain} middlewares: resolves every member at build time. */
public final class ChainFactory implements MiddlewareFactory<ChainSpec> {
    @Override
    public String kind() {
        return "chain";
    }

    @Override
    public Class<ChainSpec> specType() {
        return ChainSpec.class;
    }

    @Override
    public Middleware create(ChainSpec spec, BuildContext ctx) {
        List<String> names = spec.middlewares() == null ? List.of() : spec.middlewares();
        List<Middleware> members = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new InvalidSpecException("middlewares[" + i + "]", "empty middleware name");
            }
            try {
                members.add(ctx.middleware(name));
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException("middlewares[" + i + "]", e.getMessage());
            }
        }
        return new ChainMiddleware(List.copyOf(members));
    }
}
