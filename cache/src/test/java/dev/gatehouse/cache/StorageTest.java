package dev.gatehouse.cache;

import static dev.gatehouse.cache.ScriptedBackend.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.BodySubscriber;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.testing.exchange.Exchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Entry and byte limits, streaming while storing, and request collapsing. */
class StorageTest {
    @Test
    void responseLargerThanEntryLimitStreamsThroughUnstored() {
        String big = "y".repeat(3000);
        for (Reply r : new Reply[] {Reply.of(200, big, "Cache-Control", "max-age=60"),
                Reply.of(200, big, "Cache-Control", "max-age=60").unknownLength()}) {
            CacheHarness h = new CacheHarness(ScriptedBackend.always(r),
                    CacheHarness.spec(100_000L, 1000L, null, null, null, null, null));
            assertThat(h.get("/a").body()).isEqualTo(big);
            CacheHarness.Result second = h.get("/a");
            assertThat(second.cacheStatus()).isEqualTo("MISS");
            assertThat(second.body()).isEqualTo(big);
        }
    }

    @Test
    void byteLimitEvictsOldEntries() {
        CacheHarness h = new CacheHarness(ScriptedBackend.always(
                Reply.of(200, "z".repeat(1000), "Cache-Control", "max-age=600")),
                CacheHarness.spec(5_000L, 2_000L, null, null, null, null, null));
        for (int i = 0; i < 20; i++) {
            h.get("/p" + i);
        }
        int hits = 0;
        for (int i = 0; i < 20; i++) {
            if ("HIT".equals(h.get("/p" + i, "Cache-Control", "only-if-cached").cacheStatus())) {
                hits++;
            }
        }
        assertThat(hits).isBetween(1, 4);
    }

    @Test
    void firstBytesReachTheClientBeforeTheBodyEnds() {
        StreamBody upstream = new StreamBody(Flow.NONE, -1);
        HttpHeaders headers = new DefaultHttpHeaders().add("Cache-Control", "max-age=60");
        MutableClock clock = new MutableClock(CacheHarness.START);
        var cache = new HttpCacheFactory(clock).create(CacheHarness.spec(),
                dev.gatehouse.testing.exchange.TestBuildContext.simple());
        Exchange ex = Exchange.of("GET", "/s");
        HttpResponse resp = cache.handle(ex.context(), ex.request(), (c, r) -> HttpResponse.of(200, headers, upstream));
        List<String> got = new ArrayList<>();
        boolean[] ended = new boolean[1];
        resp.body().subscribe(new BodySubscriber() {
            @Override
            public void onStart(Flow flow) {
            }

            @Override
            public void onData(ByteBuf chunk) {
                got.add(chunk.toString(StandardCharsets.UTF_8));
                chunk.release();
            }

            @Override
            public void onEnd(HttpHeaders trailers) {
                ended[0] = true;
            }

            @Override
            public void onError(Throwable cause) {
                throw new AssertionError(cause);
            }
        });
        upstream.push(PooledByteBufAllocator.DEFAULT.buffer().writeBytes("first".getBytes(StandardCharsets.UTF_8)));
        assertThat(got).containsExactly("first");
        assertThat(ended[0]).isFalse();
        upstream.pushLast(PooledByteBufAllocator.DEFAULT.buffer().writeBytes("-last".getBytes(StandardCharsets.UTF_8)),
                null);
        assertThat(ended[0]).isTrue();
        Exchange again = Exchange.of("GET", "/s");
        CacheHarness.Result hit = CacheHarness.read(cache.handle(again.context(), again.request(), (c, r) -> {
            throw new AssertionError("must be a hit");
        }));
        assertThat(hit.body()).isEqualTo("first-last");
    }

    @Test
    void failedBodyIsNotStored() {
        StreamBody upstream = new StreamBody(Flow.NONE, -1);
        var cache = new HttpCacheFactory(new MutableClock(CacheHarness.START)).create(CacheHarness.spec(),
                dev.gatehouse.testing.exchange.TestBuildContext.simple());
        Exchange ex = Exchange.of("GET", "/f");
        HttpResponse resp = cache.handle(ex.context(), ex.request(), (c, r) -> HttpResponse.of(200,
                new DefaultHttpHeaders().add("Cache-Control", "max-age=60"), upstream));
        upstream.push(PooledByteBufAllocator.DEFAULT.buffer().writeBytes(new byte[] {1, 2}));
        upstream.fail(new IllegalStateException("reset"));
        Throwable[] err = new Throwable[1];
        resp.body().aggregate(100, (b, e) -> {
            if (b != null) {
                b.release();
            }
            err[0] = e;
        });
        assertThat(err[0]).isInstanceOf(IllegalStateException.class);
        Exchange again = Exchange.of("GET", "/f");
        again.header("Cache-Control", "only-if-cached");
        assertThat(CacheHarness.read(cache.handle(again.context(), again.request(), null)).status()).isEqualTo(504);
    }

    @Test
    void concurrentMissesForOneKeyCollapseIntoOneFetch() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            List<HttpResponse> pendingUpstream = new CopyOnWriteArrayList<>();
            var cache = new HttpCacheFactory(new MutableClock(CacheHarness.START)).create(CacheHarness.spec(),
                    dev.gatehouse.testing.exchange.TestBuildContext.simple());
            List<HttpResponse> responses = new CopyOnWriteArrayList<>();
            loop.submit(() -> {
                for (int i = 0; i < 3; i++) {
                    Exchange ex = Exchange.of("GET", "/c", "10.0.0.1", false, loop);
                    responses.add(cache.handle(ex.context(), ex.request(), (c, r) -> {
                        HttpResponse p = HttpResponse.pending();
                        pendingUpstream.add(p);
                        return p;
                    }));
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(pendingUpstream).hasSize(1);
            loop.submit(() -> pendingUpstream.get(0).complete(200,
                    new DefaultHttpHeaders().add("Cache-Control", "max-age=60"),
                    ScriptedBackend.body(Reply.of(200, "once")))).get(5, TimeUnit.SECONDS);
            List<String> statuses = new CopyOnWriteArrayList<>();
            List<String> bodies = new CopyOnWriteArrayList<>();
            loop.submit(() -> {
                for (HttpResponse r : responses) {
                    CacheHarness.Result res = CacheHarness.read(r);
                    statuses.add(res.cacheStatus());
                    bodies.add(res.body());
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(statuses).containsExactly("MISS", "HIT", "HIT");
            assertThat(bodies).containsOnly("once");
            assertThat(pendingUpstream).hasSize(1);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void waitersGoToBackendWhenLeaderResponseIsNotStorable() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            List<HttpResponse> pendingUpstream = new CopyOnWriteArrayList<>();
            var cache = new HttpCacheFactory(new MutableClock(CacheHarness.START)).create(CacheHarness.spec(),
                    dev.gatehouse.testing.exchange.TestBuildContext.simple());
            List<HttpResponse> responses = new CopyOnWriteArrayList<>();
            List<String> bodies = new CopyOnWriteArrayList<>();
            loop.submit(() -> {
                for (int i = 0; i < 2; i++) {
                    Exchange ex = Exchange.of("GET", "/n", "10.0.0.1", false, loop);
                    responses.add(cache.handle(ex.context(), ex.request(), (c, r) -> {
                        HttpResponse p = HttpResponse.pending();
                        pendingUpstream.add(p);
                        return p;
                    }));
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(pendingUpstream).hasSize(1);
            loop.submit(() -> pendingUpstream.get(0).complete(200,
                    new DefaultHttpHeaders().add("Cache-Control", "no-store"),
                    ScriptedBackend.body(Reply.of(200, "private")))).get(5, TimeUnit.SECONDS);
            assertThat(pendingUpstream).hasSize(2);
            loop.submit(() -> {
                pendingUpstream.get(1).complete(200, new DefaultHttpHeaders(),
                        ScriptedBackend.body(Reply.of(200, "second")));
                for (HttpResponse r : responses) {
                    bodies.add(CacheHarness.read(r).body());
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(bodies).containsExactly("private", "second");
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
