package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.EmptySpec;
import dev.gatehouse.config.dynamic.FailoverSpec;
import dev.gatehouse.config.dynamic.HealthCheckSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.MirroringSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.WeightedSpec;
import dev.gatehouse.core.Body;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FreePort;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompositeServicesTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void weightedSplitsAcrossChildServicesByWeight() {
        try (Backend a = Backend.named("a"); Backend b = Backend.named("b")) {
            ServiceSpec w = new ServiceSpec(null, new WeightedSpec(List.of(
                    new WeightedSpec.WeightedServiceSpec("a@file", 3), new WeightedSpec.WeightedServiceSpec("b@file", 1)),
                    null, null), null, null);
            ServiceSet set = h.build(Map.of("w@file", w, "a@file", Harness.lb(a.url()), "b@file", Harness.lb(b.url())),
                    Map.of());
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 16; i++) {
                counts.merge(h.fetch(set.handler("w@file"), Harness.get("/")).text(), 1, Integer::sum);
            }
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 12, "b", 4));
        }
    }

    @Test
    void failoverUsesTheFallbackWhileMainIsDown() {
        try (Backend fallback = Backend.named("fallback")) {
            HealthCheckSpec hc = new HealthCheckSpec(null, null, "/health", null, null, null,
                    Duration.ofMillis(50), null, Duration.ofMillis(500), null, null, null);
            ServiceSpec main = new ServiceSpec(new LoadBalancerSpec(List.of(new ServerSpec("http://127.0.0.1:"
                    + FreePort.next(), null, null)), null, null, hc, null, null, null, null), null, null, null);
            ServiceSpec f = new ServiceSpec(null, null, null, new FailoverSpec("main@file", "fb@file", new EmptySpec()));
            ServiceSet set = h.build(Map.of("f@file", f, "main@file", main, "fb@file", Harness.lb(fallback.url())),
                    Map.of());
            Eventually.await(Duration.ofSeconds(5), "main DOWN", () -> !set.healthy("main@file"));
            Harness.Result r = h.fetch(set.handler("f@file"), Harness.get("/"));
            assertThat(r.text()).isEqualTo("fallback");
            assertThat(r.ctx.service()).isEqualTo("fb@file");
        }
    }

    @Test
    void mirroringCopiesItsShareOfRequestsWithTheirBodies() {
        ConcurrentLinkedQueue<String> mirrored = new ConcurrentLinkedQueue<>();
        try (Backend main = new Backend(ex -> Backend.reply(ex, 200, "main:"
                + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
             Backend mirror = new Backend(ex -> {
                 mirrored.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                 Backend.reply(ex, 500, "ignored");
             })) {
            ServiceSpec m = new ServiceSpec(null, null, new MirroringSpec("main@file", null, null,
                    List.of(new MirroringSpec.MirrorSpec("mirror@file", 50)), null), null);
            ServiceSet set = h.build(Map.of("m@file", m, "main@file", Harness.lb(main.url()),
                    "mirror@file", Harness.lb(mirror.url())), Map.of());
            for (int i = 0; i < 10; i++) {
                Harness.Result r = h.fetch(set.handler("m@file"),
                        Harness.request(HttpMethod.POST, "/", Body.of("body" + i)));
                assertThat(r.status).isEqualTo(200);
                assertThat(r.text()).isEqualTo("main:body" + i);
            }
            Eventually.await(Duration.ofSeconds(5), "5 mirrored requests", () -> mirror.requests.get() == 5);
            assertThat(main.requests.get()).isEqualTo(10);
            assertThat(mirrored).allMatch(s -> s.startsWith("body")).hasSize(5);
        }
    }

    @Test
    void mirroringSkipsBodiesPastMaxBodySize() {
        try (Backend main = new Backend(ex -> Backend.reply(ex, 200,
                Integer.toString(ex.getRequestBody().readAllBytes().length)));
             Backend mirror = Backend.named("mirror")) {
            ServiceSpec m = new ServiceSpec(null, null, new MirroringSpec("main@file", true, 10L,
                    List.of(new MirroringSpec.MirrorSpec("mirror@file", 100)), null), null);
            ServiceSet set = h.build(Map.of("m@file", m, "main@file", Harness.lb(main.url()),
                    "mirror@file", Harness.lb(mirror.url())), Map.of());
            ProxyTest.Pump pump = new ProxyTest.Pump(h, 300_000, new java.util.concurrent.atomic.AtomicInteger());
            Harness.Result r = h.fetch(set.handler("m@file"), Harness.request(HttpMethod.POST, "/", pump.body));
            assertThat(r.text()).isEqualTo("300000");
            Harness.Result small = h.fetch(set.handler("m@file"), Harness.request(HttpMethod.POST, "/", Body.of("tiny")));
            assertThat(small.text()).isEqualTo("4");
            Eventually.await(Duration.ofSeconds(5), "small body mirrored", () -> mirror.requests.get() == 1);
        }
    }

    @Test
    void badServicesAndReferencesAreReportedPerService() {
        try (Backend a = Backend.named("a")) {
            ServiceSpec badUrl = Harness.lb("ftp://nope");
            ServiceSpec refMissing = new ServiceSpec(null, new WeightedSpec(List.of(
                    new WeightedSpec.WeightedServiceSpec("missing@file", 1)), null, null), null, null);
            ServiceSpec refBad = new ServiceSpec(null, null, null, new FailoverSpec("ok@file", "bad@file", null));
            ServiceSpec cycle = new ServiceSpec(null, null, null, new FailoverSpec("cycle@file", "ok@file", null));
            ServiceSet set = h.build(Map.of("ok@file", Harness.lb(a.url()), "bad@file", badUrl, "w@file", refMissing,
                    "f@file", refBad, "cycle@file", cycle), Map.of());
            assertThat(set.handler("ok@file")).isNotNull();
            assertThat(set.errors().get("bad@file").keyPath()).isEqualTo("loadBalancer.servers[0].url");
            assertThat(set.errors().get("w@file").keyPath()).isEqualTo("weighted.services[0].name");
            assertThat(set.errors().get("w@file").getMessage()).contains("missing@file", "does not exist");
            assertThat(set.errors().get("f@file").keyPath()).isEqualTo("failover.fallback");
            assertThat(set.errors().get("cycle@file").keyPath()).isEqualTo("failover.service");
            assertThat(set.handlers()).containsOnlyKeys("ok@file");
            assertThat(h.fetch(set.handler("ok@file"), Harness.get("/")).text()).isEqualTo("a");
        }
    }
}
