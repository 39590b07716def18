package dev.gatehouse.runtime.internal;

import dev.gatehouse.config.dynamic.FailoverSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.MirroringSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.WeightedSpec;
import java.util.List;

/** Rewrites the references inside a service spec to qualified names, so services can refer across providers. */
public final class Qualifier {
    private Qualifier() {
    }

    /**
     * @param s        the spec as written
     * @param provider its provider
     * @return the spec with every reference qualified
     */
    public static ServiceSpec service(ServiceSpec s, String provider) {
        return new ServiceSpec(loadBalancer(s.loadBalancer(), provider), weighted(s.weighted(), provider),
                mirroring(s.mirroring(), provider), failover(s.failover(), provider));
    }

    private static String q(String ref, String provider) {
        return ref == null ? null : Names.qualify(ref, provider);
    }

    private static LoadBalancerSpec loadBalancer(LoadBalancerSpec lb, String p) {
        if (lb == null || lb.serversTransport() == null) {
            return lb;
        }
        return new LoadBalancerSpec(lb.servers(), lb.strategy(), lb.passHostHeader(), lb.healthCheck(),
                lb.passiveHealthCheck(), lb.sticky(), q(lb.serversTransport(), p), lb.responseForwarding());
    }

    private static WeightedSpec weighted(WeightedSpec w, String p) {
        if (w == null || w.services() == null) {
            return w;
        }
        List<WeightedSpec.WeightedServiceSpec> children = w.services().stream()
                .map(c -> c == null ? null : new WeightedSpec.WeightedServiceSpec(q(c.name(), p), c.weight()))
                .toList();
        return new WeightedSpec(children, w.sticky(), w.healthCheck());
    }

    private static MirroringSpec mirroring(MirroringSpec m, String p) {
        if (m == null) {
            return null;
        }
        List<MirroringSpec.MirrorSpec> mirrors = m.mirrors() == null ? null : m.mirrors().stream()
                .map(x -> x == null ? null : new MirroringSpec.MirrorSpec(q(x.name(), p), x.percent()))
                .toList();
        return new MirroringSpec(q(m.service(), p), m.mirrorBody(), m.maxBodySize(), mirrors, m.healthCheck());
    }

    private static FailoverSpec failover(FailoverSpec f, String p) {
        return f == null ? null : new FailoverSpec(q(f.service(), p), q(f.fallback(), p), f.healthCheck());
    }
}
