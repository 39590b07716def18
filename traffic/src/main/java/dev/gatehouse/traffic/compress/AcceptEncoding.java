package dev.gatehouse.traffic.compress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the response encoding from {@code Accept-Encoding}, as Traefik does: highest q-value first; at equal
 * weight the configured order decides, {@code *} before all and {@code identity} after all; {@code q=0} rules an
 * encoding out; names are matched exactly.
 */
final class AcceptEncoding {
    static final String WILDCARD = "*";
    static final String IDENTITY = "identity";

    /** One acceptable encoding and its weight. */
    record Choice(String type, double weight) {
    }

    private final List<String> encodings;
    private final String defaultEncoding;
    private final Map<String, Integer> priority;

    /**
     * @param encodings       the offered encodings, highest priority first
     * @param defaultEncoding the encoding for {@code *}, or null for the first offered
     */
    AcceptEncoding(List<String> encodings, String defaultEncoding) {
        this.encodings = List.copyOf(encodings);
        this.defaultEncoding = defaultEncoding == null || defaultEncoding.isEmpty() ? null : defaultEncoding;
        Map<String, Integer> p = new HashMap<>();
        p.put(WILDCARD, -1);
        p.put(IDENTITY, encodings.size());
        for (int i = 0; i < encodings.size(); i++) {
            p.put(encodings.get(i), i);
        }
        this.priority = Map.copyOf(p);
    }

    /**
     * @param values every {@code Accept-Encoding} line of the request (at least one)
     * @return the encoding to use, or null to send the body as it is
     */
    String choose(List<String> values) {
        // An empty Accept-Encoding means "no content coding" (RFC 9110).
        if (values.size() == 1 && values.get(0).isEmpty()) {
            return null;
        }
        List<Choice> acceptable = parse(values);
        if (acceptable.isEmpty()) {
            return null;
        }
        acceptable.sort((a, b) -> a.weight() == b.weight()
                ? Integer.compare(priority.get(a.type()), priority.get(b.type()))
                : Double.compare(b.weight(), a.weight()));
        String top = acceptable.get(0).type();
        if (WILDCARD.equals(top)) {
            return defaultEncoding == null ? encodings.get(0) : defaultEncoding;
        }
        return IDENTITY.equals(top) ? null : top;
    }

    /**
     * @param values the header lines
     * @return the supported entries with a weight above zero, in order
     */
    List<Choice> parse(List<String> values) {
        List<Choice> out = new ArrayList<>();
        for (String line : values) {
            for (String item : line.replace(" ", "").split(",", -1)) {
                int semi = item.indexOf(';');
                String type = semi < 0 ? item : item.substring(0, semi);
                if (!priority.containsKey(type)) {
                    continue;
                }
                double weight = 1.0;
                if (semi >= 0 && item.startsWith("q=", semi + 1)) {
                    weight = parseWeight(item.substring(semi + 3));
                    if (weight == 0) {
                        continue;
                    }
                }
                out.add(new Choice(type, weight));
            }
        }
        return out;
    }

    private static double parseWeight(String s) {
        char last = s.isEmpty() ? ' ' : Character.toLowerCase(s.charAt(s.length() - 1));
        if (last == 'd' || last == 'f') {
            return 0;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isNaN(d) ? 0 : d;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
