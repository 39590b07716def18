package dev.gatehouse.runtime.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.config.EntryPointAddress;
import dev.gatehouse.config.SourceMap;
import dev.gatehouse.config.SpecBinder;
import dev.gatehouse.config.install.EntryPointSpec;
import dev.gatehouse.config.install.InstallConfig;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.router.RouteEntry;
import dev.gatehouse.router.Rule;
import dev.gatehouse.runtime.Route;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * {@code entryPoints.NAME.http.redirections.entryPoint}: a generated router on that entry point that
 * redirects every request to another entry point's port and scheme, as Traefik generates one.
 */
public final class Redirections {
    /** Traefik's default priority for the generated router: above every user router. */
    static final int DEFAULT_PRIORITY = Integer.MAX_VALUE - 1;

    private Redirections() {
    }

    /**
     * Adds a redirect route to every entry point that asks for one.
     *
     * @param install   the install config
     * @param factories middleware factories (uses {@code redirectScheme})
     * @param plain     the plain-HTTP routes per entry point, added to
     */
    public static void add(InstallConfig install, Map<String, MiddlewareFactory<?>> factories,
                           Map<String, List<RouteEntry<Route>>> plain) {
        install.entryPoints().forEach((ep, spec) -> {
            if (spec.http() == null || spec.http().redirections() == null
                    || spec.http().redirections().entryPoint() == null) {
                return;
            }
            EntryPointSpec.EntryPointRedirectSpec r = spec.http().redirections().entryPoint();
            String to = r.to();
            String port = portOf(install, to);
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("scheme", r.scheme() == null ? "https" : r.scheme());
            if (port != null) {
                node.put("port", port);
            }
            node.put("permanent", r.permanent() == null || r.permanent());
            Middleware redirect = build(factories.get("redirectScheme"), node, ep);
            String name = ep + "-to-" + (to.startsWith(":") ? to.substring(1) : to) + "@" + Names.INTERNAL;
            Route route = new Route(name, "noop@" + Names.INTERNAL, Middleware.compose(List.of(redirect),
                    (ctx, req) -> HttpResponse.text(404, "404 page not found\n")));
            int priority = r.priority() == null ? DEFAULT_PRIORITY : r.priority();
            plain.get(ep).add(RouteEntry.of(name, Rule.parse("HostRegexp(`^.+$`)"), priority, route));
        });
    }

    private static String portOf(InstallConfig install, String to) {
        if (to == null) {
            return null;
        }
        if (to.startsWith(":")) {
            return to.substring(1);
        }
        EntryPointSpec target = install.entryPoints().get(to);
        if (target == null) {
            return to.chars().allMatch(Character::isDigit) ? to : null;
        }
        return Integer.toString(EntryPointAddress.parse(target.address()).port());
    }

    private static <S> Middleware build(MiddlewareFactory<S> factory, ObjectNode node, String ep) {
        String path = "entryPoints." + ep + ".http.redirections.entryPoint";
        S spec = SpecBinder.bind(node, factory.specType(), path, SourceMap.empty(""));
        return factory.create(spec, new BuildContext() {
            @Override
            public String name() {
                return ep + "-redirect@" + Names.INTERNAL;
            }

            @Override
            public Path baseDir() {
                return Path.of(".");
            }

            @Override
            public <R extends AutoCloseable> R resource(String key, Object s, Supplier<R> f) {
                return f.get();
            }

            @Override
            public Middleware middleware(String reference) {
                throw new UnsupportedOperationException("redirections use no other middleware");
            }

            @Override
            public Executor blockingExecutor() {
                return Runnable::run;
            }
        });
    }
}
