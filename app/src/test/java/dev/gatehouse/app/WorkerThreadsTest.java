package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkerThreadsTest {
    @Test
    void twicePerProcessorUnlessSet() {
        assertThat(Gateway.workerThreads(null, 2)).isEqualTo(4);
        assertThat(Gateway.workerThreads(" ", 3)).isEqualTo(6);
        assertThat(Gateway.workerThreads("1", 8)).isEqualTo(1);
        assertThat(Gateway.workerThreads(" 12 ", 2)).isEqualTo(12);
    }

    @Test
    void aBadCountIsRefusedWithThePropertyNamed() {
        for (String bad : new String[] {"0", "-2", "two", "1.5", "5000"}) {
            assertThatThrownBy(() -> Gateway.workerThreads(bad, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dgatehouse.workerThreads=" + bad)
                    .hasMessageContaining("from 1 to 1024");
        }
    }
}
