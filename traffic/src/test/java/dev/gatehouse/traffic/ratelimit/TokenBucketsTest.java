package dev.gatehouse.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.traffic.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    @Test
    void concurrentTakersNeverExceedTheBurst() throws Exception {
        TestClock clock = new TestClock();
        // One token per hour: with the clock frozen, exactly the burst may pass, whatever the threads do.
        TokenBuckets buckets = new TokenBuckets(3_600_000_000_000L, 500, 0, clock);
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1000; i++) {
                    if (buckets.reserve("shared").allowed()) {
                        allowed.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(allowed).hasValue(500);
    }

    @Test
    void idleBucketsExpireOnlyOnceFull() {
        TestClock clock = new TestClock();
        TokenBuckets buckets = new TokenBuckets(1_000_000_000L, 5, 0, clock);
        for (int i = 0; i < 5; i++) {
            buckets.reserve("a");
        }
        assertThat(buckets.reserve("a").allowed()).isFalse();
        clock.advanceMillis(2_000);
        assertThat(buckets.size()).as("two tokens back, not yet full: kept").isEqualTo(1);
        assertThat(buckets.reserve("a").remaining()).isEqualTo(1);
        clock.advanceMillis(10_000);
        assertThat(buckets.size()).as("full and idle: dropped").isZero();
        buckets.close();
    }
}
