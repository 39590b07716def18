package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"10s,PT10S", "1m30s,PT1M30S", "100ms,PT0.1S", "1h,PT1H", "2.5s,PT2.5S", "-1s,PT-1S", "30,PT30S",
            "-1,PT-1S", "0,PT0S", "1h2m3s4ms5us6ns,PT1H2M3.004005006S", "1.5h,PT1H30M", "+5m,PT5M", ".5s,PT0.5S",
            "3µs,PT0.000003S"})
    void parsesGoDurationsAndBareSeconds(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1.5", "10 s", "10x", "1..5s", "ten seconds", "-", "3000000h", "1s2"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration");
    }
}
