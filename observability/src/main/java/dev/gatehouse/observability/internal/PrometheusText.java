package dev.gatehouse.observability.internal;

import java.math.BigDecimal;

/** Helpers for the Prometheus text exposition format 0.0.4. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * Writes the HELP and TYPE lines of a family.
     *
     * @param out  where to write
     * @param name the family name
     * @param type {@code counter}, {@code gauge} or {@code histogram}
     * @param help the help text
     */
    public static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /**
     * Writes {@code name="value"} with the value escaped: backslash, double quote and line feed.
     *
     * @param out   where to write
     * @param name  the label name
     * @param value the label value; null is written as an empty string
     */
    public static void label(StringBuilder out, String name, String value) {
        out.append(name).append("=\"");
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
        }
        out.append('"');
    }

    /**
     * Formats a sample value.
     *
     * @param v the value
     * @return the text: {@code NaN}, {@code +Inf}, {@code -Inf}, an integer when integral, or a decimal
     */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * Formats a bucket bound the way Go's Prometheus client does ({@code 0.1}, {@code 5}, not {@code 5.0}), so
     * series line up with dashboards built for Traefik.
     *
     * @param bound the bound in seconds
     * @return the {@code le} label value
     */
    public static String bound(double bound) {
        if (Double.isInfinite(bound)) {
            return "+Inf";
        }
        BigDecimal d = BigDecimal.valueOf(bound).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
