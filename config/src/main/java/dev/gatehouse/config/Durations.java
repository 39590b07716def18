package dev.gatehouse.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Durations as Traefik reads them: a bare integer is seconds ({@code 30}, {@code -1}); anything else is a Go
 * duration string ({@code 10s}, {@code 1m30s}, {@code 2.5s}, {@code 100ms}, {@code -1s}) with the units
 * {@code ns}, {@code us} ({@code µs}), {@code ms}, {@code s}, {@code m} and {@code h}.
 */
public final class Durations {
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException with a message naming the text and the expected form
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.matches("[+-]?\\d{1,18}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        try {
            return Duration.ofNanos(goNanos(s));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\": expected a number with a unit, such as 10s, 1m30s or 100ms, or a number of seconds");
        }
    }

    /** Go's time.ParseDuration grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0". */
    private static long goNanos(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i >= s.length()) {
            throw new IllegalArgumentException();
        }
        BigDecimal total = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number)
                    .multiply(BigDecimal.valueOf(unitNanos(s.substring(unitStart, i)))));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException();
        }
        return negative ? -nanos.longValueExact() : nanos.longValueExact();
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException();
        };
    }
}
