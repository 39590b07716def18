package dev.gatehouse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResourceRegistryTest {
    static final class Counter implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void equalSpecKeepsTheResourceAcrossGenerations() {
        ResourceRegistry reg = new ResourceRegistry();
        reg.begin();
        Counter a = reg.resource("k", "spec1", Counter::new);
        reg.commit();
        reg.begin();
        Counter b = reg.resource("k", "spec1", Counter::new);
        reg.commit();
        assertThat(b).isSameAs(a);
        assertThat(a.closed).hasValue(0);
    }

    @Test
    void changedSpecReplacesAndClosesTheOld() {
        ResourceRegistry reg = new ResourceRegistry();
        reg.begin();
        Counter a = reg.resource("k", "spec1", Counter::new);
        reg.commit();
        reg.begin();
        Counter b = reg.resource("k", "spec2", Counter::new);
        assertThat(a.closed).hasValue(0); // still serving until the swap
        reg.commit();
        assertThat(b).isNotSameAs(a);
        assertThat(a.closed).hasValue(1);
    }

    @Test
    void droppedKeyIsClosedOnCommitAndAbortClosesOnlyNewOnes() {
        ResourceRegistry reg = new ResourceRegistry();
        reg.begin();
        Counter a = reg.resource("a", 1, Counter::new);
        reg.commit();
        reg.begin();
        reg.resource("a", 1, Counter::new);
        Counter fresh = reg.resource("b", 1, Counter::new);
        reg.abort();
        assertThat(fresh.closed).hasValue(1);
        assertThat(a.closed).hasValue(0);
        reg.begin();
        reg.commit();
        assertThat(a.closed).hasValue(1);
        assertThat(reg.size()).isZero();
    }
}
