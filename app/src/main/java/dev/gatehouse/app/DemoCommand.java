package dev.gatehouse.app;

import dev.gatehouse.config.install.InstallConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse demo}: the built-in demo config with two whoami instances. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start on a built-in demo config: two load-balanced whoami instances at /whoami.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "the web entry point's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--admin-port", defaultValue = "9090", description = "the admin API's port (default: ${DEFAULT-VALUE})")
    int adminPort;

    @Override
    public Integer call() throws Exception {
        Demo demo = Demo.start(port, adminPort);
        InstallConfig install = InstallConfigs.load(demo.installFile(), System.err);
        if (install == null) {
            demo.close();
            return 2;
        }
        Gateway g;
        try {
            g = Gateway.start(install, demo.installFile().getParent());
        } catch (Exception e) {
            demo.close();
            System.err.println("gatehouse: cannot start the demo: " + e.getMessage());
            return 1;
        }
        String web = "http://127.0.0.1:" + g.port("web");
        String admin = "http://127.0.0.1:" + g.adminPort();
        System.out.println("""
                Gatehouse demo is running.
                  Try:   curl %1$s/whoami            (two instances, load-balanced)
                         curl %1$s/whoami/anything?x=1
                         curl %1$s/nothing-here       (no route: 404)
                         curl %1$s/api                (401: needs an API key or a JWT)
                         curl -H 'X-Api-Key: %4$s' %1$s/api
                         curl -H 'Authorization: Bearer %5$s' %1$s/api
                  Admin: %2$s/api/overview
                         %2$s/api/http/routers
                         %2$s/metrics
                         %2$s/ping
                  Routing config (edit it; changes apply live): %3$s
                  Stop with Ctrl-C.""".formatted(web, admin, demo.routesFile(),
                demo.credentials().apiKey(), demo.credentials().token()));
        Foreground.run(g, demo);
        return 0;
    }
}
