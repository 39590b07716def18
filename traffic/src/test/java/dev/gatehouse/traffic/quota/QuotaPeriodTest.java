package dev.gatehouse.traffic.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaPeriodTest {
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "MINUTE, 2026-12-06T21:05:59.999Z, 2026-12-06T21:05:00Z, 2026-12-06T21:06:00Z",
        "HOUR,   2026-12-06T21:59:00Z,     2026-12-06T21:00:00Z, 2026-12-06T22:00:00Z",
        "DAY,    2026-12-31T23:59:59Z,     2026-12-31T00:00:00Z, 2027-01-01T00:00:00Z",
        "MONTH,  2026-12-06T21:05:00Z,     2026-12-01T00:00:00Z, 2027-01-01T00:00:00Z",
        "MONTH,  2028-02-29T12:00:00Z,     2028-02-01T00:00:00Z, 2028-03-01T00:00:00Z",
        "MONTH,  2027-02-01T00:00:00Z,     2027-02-01T00:00:00Z, 2027-03-01T00:00:00Z",
    })
    void calendarWindowsInUtc(QuotaPeriod period, String at, String start, String end) {
        QuotaPeriod.Window w = period.windowAt(Instant.parse(at).toEpochMilli());
        assertThat(Instant.ofEpochSecond(w.startEpochSecond())).isEqualTo(Instant.parse(start));
        assertThat(Instant.ofEpochSecond(w.endEpochSecond())).isEqualTo(Instant.parse(end));
    }
}
