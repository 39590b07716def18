package dev.gatehouse.traffic.internal;

/** Formats a duration as Go's {@code time.Duration.String} does ({@code 1.5s}, {@code 250ms}, {@code 1m0.5s}). */
public final class GoDurations {
    private GoDurations() {
    }

    /**
     * Formats nanoseconds the way Go prints a {@code time.Duration}, so headers Traefik sends in that form
     * ({@code X-Retry-In}) read the same.
     *
     * @param nanos the duration
     * @return the text
     */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        String s;
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                s = u + "ns";
            } else if (u < 1_000_000L) {
                s = fraction(u, 3) + "µs";
            } else {
                s = fraction(u, 6) + "ms";
            }
        } else {
            String secs = fraction(u % 60_000_000_000L, 9) + "s";
            long mins = u / 60_000_000_000L;
            if (mins == 0) {
                s = secs;
            } else if (mins < 60) {
                s = mins + "m" + secs;
            } else {
                s = (mins / 60) + "h" + (mins % 60) + "m" + secs;
            }
        }
        return neg ? "-" + s : s;
    }

    /** {@code v / 10^digits}, with the fraction's trailing zeros (and a bare point) dropped. */
    private static String fraction(long v, int digits) {
        long pow = 1;
        for (int i = 0; i < digits; i++) {
            pow *= 10;
        }
        long whole = v / pow;
        long frac = v % pow;
        if (frac == 0) {
            return Long.toString(whole);
        }
        StringBuilder f = new StringBuilder(Long.toString(frac));
        while (f.length() < digits) {
            f.insert(0, '0');
        }
        int end = f.length();
        while (end > 0 && f.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + f.substring(0, end);
    }
}
