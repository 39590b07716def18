package dev.gatehouse.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cache.internal.Collapser;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The collapser on its own: one leader per key, waiters run once when it lands, slow leaders are replaced. */
class CollapserTest {
    @Test
    void waitersRunOnceWhenTheLeaderLands() {
        Collapser c = new Collapser(Duration.ofSeconds(5));
        AtomicInteger ran = new AtomicInteger();
        Collapser.Flight leader = c.leadOrWait("k", ran::incrementAndGet);
        assertThat(leader).isNotNull();
        assertThat(c.leadOrWait("k", ran::incrementAndGet)).isNull();
        assertThat(c.leadOrWait("k", ran::incrementAndGet)).isNull();
        assertThat(c.leadOrWait("other", ran::incrementAndGet)).isNotNull();
        c.land("k", leader);
        c.land("k", leader);
        assertThat(ran).hasValue(2);
        assertThat(c.leadOrWait("k", ran::incrementAndGet)).isNotNull();
    }

    @Test
    void aFlightOlderThanTheWaitIsReplaced() {
        Collapser c = new Collapser(Duration.ZERO);
        Collapser.Flight first = c.leadOrWait("k", () -> { });
        Collapser.Flight second = c.leadOrWait("k", () -> { });
        assertThat(second).isNotNull().isNotSameAs(first);
        c.land("k", first); // the slow leader landing later does not end the new flight
        assertThat(c.inFlight()).isEqualTo(1);
    }
}
