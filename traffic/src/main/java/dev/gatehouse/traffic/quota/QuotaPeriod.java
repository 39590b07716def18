package dev.gatehouse.traffic.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** A quota's window: a calendar minute, hour, day or month, in UTC. */
public enum QuotaPeriod {
    /** From second 0 of a minute to the next. */
    MINUTE,
    /** From minute 0 of an hour to the next. */
    HOUR,
    /** From midnight UTC to the next. */
    DAY,
    /** From the first day of a month, midnight UTC, to the first of the next. */
    MONTH;

    /**
     * The window holding an instant.
     *
     * @param epochMillis the instant
     * @return the window's start (inclusive) and end (exclusive), in epoch seconds
     */
    public Window windowAt(long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        ZonedDateTime start = switch (this) {
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> LocalDate.of(t.getYear(), t.getMonth(), 1).atStartOfDay(ZoneOffset.UTC);
        };
        ZonedDateTime end = switch (this) {
            case MINUTE -> start.plusMinutes(1);
            case HOUR -> start.plusHours(1);
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
        };
        return new Window(start.toEpochSecond(), end.toEpochSecond());
    }

    /**
     * A window.
     *
     * @param startEpochSecond the first second of the window
     * @param endEpochSecond   the first second after it
     */
    public record Window(long startEpochSecond, long endEpochSecond) {
        /**
         * @param epochMillis now
         * @return nanoseconds from now to the window's end
         */
        public long nanosUntilEnd(long epochMillis) {
            return Math.max(0, endEpochSecond * 1000 - epochMillis) * 1_000_000L;
        }
    }
}
