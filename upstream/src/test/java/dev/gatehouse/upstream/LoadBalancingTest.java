package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.HealthCheckSpec;
import dev.gatehouse.config.dynamic.LoadBalancerSpec;
import dev.gatehouse.config.dynamic.PassiveHealthCheckSpec;
import dev.gatehouse.config.dynamic.ServerSpec;
import dev.gatehouse.config.dynamic.ServiceSpec;
import dev.gatehouse.config.dynamic.StickySpec;
import dev.gatehouse.testing.Eventually;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadBalancingTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    private static ServiceSpec lb(List<ServerSpec> servers, String strategy, HealthCheckSpec hc,
                                  PassiveHealthCheckSpec passive, StickySpec sticky) {
        return new ServiceSpec(new LoadBalancerSpec(servers, strategy, null, hc, passive, sticky, null, null),
                null, null, null);
    }

    @Test
    void wrrIsExactlyProportionalToWeightsAndSkipsWeightZero() {
        try (Backend a = Backend.named("a"); Backend b = Backend.named("b"); Backend c = Backend.named("c")) {
            ServiceSpec s = lb(List.of(new ServerSpec(a.url(), 3, null), new ServerSpec(b.url(), 1, null),
                    new ServerSpec(c.url(), 0, null)), null, null, null, null);
            ServiceSet set = h.build(Map.of("s@file", s), Map.of());
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                counts.merge(h.fetch(set.handler("s@file"), Harness.get("/")).text(), 1, Integer::sum);
            }
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 30, "b", 10));
        }
    }

    @Test
    void p2cPicksTheLessLoadedServer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger quickA = new AtomicInteger();
        AtomicInteger quickB = new AtomicInteger();
        try (Backend a = holding("a", release, quickA); Backend b = holding("b", release, quickB)) {
            ServiceSet set = h.build(Map.of("s@file", lb(List.of(new ServerSpec(a.url(), null, null),
                    new ServerSpec(b.url(), null, null)), "p2c", null, null, null)), Map.of());
            Harness.Result held = h.call(set.handler("s@file"), Harness.get("/hold"));
            Eventually.await(Duration.ofSeconds(5), "held request at a backend",
                    () -> a.requests.get() + b.requests.get() == 1);
            boolean heldOnA = a.requests.get() == 1;
            for (int i = 0; i < 10; i++) {
                assertThat(h.fetch(set.handler("s@file"), Harness.get("/quick")).status).isEqualTo(200);
            }
            release.countDown();
            assertThat(h.await(held).status).isEqualTo(200);
            assertThat(heldOnA ? quickB.get() : quickA.get()).isEqualTo(10);
            assertThat(heldOnA ? quickA.get() : quickB.get()).isZero();
        }
    }

    private static Backend holding(String name, CountDownLatch release, AtomicInteger quick) {
        return new Backend(ex -> {
            if (ex.getRequestURI().getPath().equals("/hold")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                quick.incrementAndGet();
            }
            Backend.reply(ex, 200, name);
        });
    }

    @Test
    void activeHealthCheckTakesAServerOutAndBack() {
        AtomicInteger healthStatus = new AtomicInteger(200);
        try (Backend a = new Backend(ex -> Backend.reply(ex, ex.getRequestURI().getPath().equals("/health")
                ? healthStatus.get() : 200, "a")); Backend b = Backend.named("b")) {
            HealthCheckSpec hc = new HealthCheckSpec(null, null, "/health", null, null, null,
                    Duration.ofMillis(50), null, Duration.ofSeconds(1), null, null, Map.of("X-Check", "1"));
            ServiceSet set = h.build(Map.of("s@file", lb(List.of(new ServerSpec(a.url(), null, null),
                    new ServerSpec(b.url(), null, null)), null, hc, null, null)), Map.of());
            Eventually.await(Duration.ofSeconds(5), "first probe", () -> a.requests.get() > 0);
            assertThat(set.serverStatus("s@file")).containsEntry(a.url(), "UP").containsEntry(b.url(), "UP");
            healthStatus.set(500);
            Eventually.await(Duration.ofSeconds(5), "a DOWN", () -> "DOWN".equals(set.serverStatus("s@file").get(a.url())));
            for (int i = 0; i < 6; i++) {
                assertThat(h.fetch(set.handler("s@file"), Harness.get("/")).text()).isEqualTo("b");
            }
            healthStatus.set(200);
            Eventually.await(Duration.ofSeconds(5), "a UP", () -> "UP".equals(set.serverStatus("s@file").get(a.url())));
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 4; i++) {
                counts.merge(h.fetch(set.handler("s@file"), Harness.get("/")).text(), 1, Integer::sum);
            }
            assertThat(counts).containsEntry("a", 2).containsEntry("b", 2);
        }
    }

    @Test
    void noHealthyServerIs503() {
        HealthCheckSpec hc = new HealthCheckSpec(null, null, "/health", null, null, null,
                Duration.ofMillis(50), null, Duration.ofMillis(500), null, null, null);
        ServiceSet set = h.build(Map.of("s@file", lb(List.of(new ServerSpec("http://127.0.0.1:"
                + dev.gatehouse.testing.FreePort.next(), null, null)), null, hc, null, null)), Map.of());
        Eventually.await(Duration.ofSeconds(5), "server DOWN", () -> !set.healthy("s@file"));
        Harness.Result r = h.fetch(set.handler("s@file"), Harness.get("/"));
        assertThat(r.status).isEqualTo(503);
        assertThat(r.text()).isEqualTo("no available server");
    }

    @Test
    void passiveHealthTakesAFailingServerOutForTheWindow() {
        try (Backend bad = new Backend(ex -> Backend.reply(ex, 500, "bad")); Backend good = Backend.named("good")) {
            PassiveHealthCheckSpec p = new PassiveHealthCheckSpec(Duration.ofMillis(800), 2);
            ServiceSet set = h.build(Map.of("s@file", lb(List.of(new ServerSpec(bad.url(), null, null),
                    new ServerSpec(good.url(), null, null)), null, null, p, null)), Map.of());
            for (int i = 0; i < 4; i++) {
                h.fetch(set.handler("s@file"), Harness.get("/"));
            }
            assertThat(bad.requests.get()).isEqualTo(2);
            assertThat(set.serverStatus("s@file")).containsEntry(bad.url(), "DOWN");
            for (int i = 0; i < 5; i++) {
                assertThat(h.fetch(set.handler("s@file"), Harness.get("/")).text()).isEqualTo("good");
            }
            Eventually.await(Duration.ofSeconds(5), "bad back after the window",
                    () -> "UP".equals(set.serverStatus("s@file").get(bad.url())));
        }
    }

    @Test
    void stickyCookieKeepsTheClientOnOneServer() {
        try (Backend a = Backend.named("a"); Backend b = Backend.named("b")) {
            StickySpec sticky = new StickySpec(new StickySpec.CookieSpec(null, true, true, "lax", 60, null, null));
            ServiceSet set = h.build(Map.of("s@file", lb(List.of(new ServerSpec(a.url(), null, null),
                    new ServerSpec(b.url(), null, null)), null, null, null, sticky)), Map.of());
            Harness.Result first = h.fetch(set.handler("s@file"), Harness.get("/"));
            String setCookie = first.headers.get("Set-Cookie");
            assertThat(setCookie).matches("_[0-9a-f]{5}=[0-9a-f]{16}; Max-Age=60; Expires=.*; Path=/; Secure; HTTPOnly; SameSite=Lax");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            for (int i = 0; i < 6; i++) {
                var req = Harness.get("/");
                req.headers().set("Cookie", "other=1; " + cookie);
                Harness.Result r = h.fetch(set.handler("s@file"), req);
                assertThat(r.text()).isEqualTo(first.text());
                assertThat(r.headers.contains("Set-Cookie")).isFalse();
            }
        }
    }
}
