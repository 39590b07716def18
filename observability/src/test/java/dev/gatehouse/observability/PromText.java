package dev.gatehouse.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: it fails on any line it does not understand,
 * on a sample without a TYPE, and on a histogram whose buckets are not cumulative or whose {@code +Inf} bucket
 * differs from {@code _count}.
 */
final class PromText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new HashMap<>();
    final Map<String, String> help = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PromText parse(String text) {
        PromText p = new PromText();
        assertThat(text).endsWith("\n");
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                assertThat(parts).as("HELP line %s", line).hasSize(2);
                p.help.put(parts[0], parts[1]);
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                assertThat(parts).as("TYPE line %s", line).hasSize(2);
                assertThat(parts[1]).isIn("counter", "gauge", "histogram", "summary", "untyped");
                assertThat(p.types.put(parts[0], parts[1])).as("duplicate TYPE for %s", parts[0]).isNull();
            } else {
                assertThat(line).as("blank or comment line").isNotBlank().doesNotStartWith("#");
                p.samples.add(sample(line));
            }
        }
        p.check();
        return p;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_'
                || line.charAt(i) == ':')) {
            i++;
        }
        String name = line.substring(0, i);
        assertThat(name).as("metric name in %s", line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq);
                assertThat(label).matches("[a-zA-Z_][a-zA-Z0-9_]*");
                assertThat(line.charAt(eq + 1)).isEqualTo('"');
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        assertThat(n).as("escape in %s", line).isIn('\\', '"', 'n');
                        v.append(n == 'n' ? '\n' : n);
                    } else {
                        v.append(c);
                    }
                }
                assertThat(labels.put(label, v.toString())).as("duplicate label in %s", line).isNull();
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        assertThat(line.charAt(i)).as("space before value in %s", line).isEqualTo(' ');
        String value = line.substring(i + 1);
        assertThat(value).as("value in %s (no timestamps expected)", line).doesNotContain(" ");
        double d = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
        return new Sample(name, labels, d);
    }

    private String family(String sampleName) {
        if (types.containsKey(sampleName)) {
            return sampleName;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                if ("histogram".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return null;
    }

    private void check() {
        Map<String, List<Sample>> buckets = new LinkedHashMap<>();
        Map<String, Double> counts = new HashMap<>();
        for (Sample s : samples) {
            String family = family(s.name());
            assertThat(family).as("TYPE for sample %s", s).isNotNull();
            assertThat(help).as("HELP for %s", family).containsKey(family);
            if ("histogram".equals(types.get(family))) {
                Map<String, String> rest = new LinkedHashMap<>(s.labels());
                rest.remove("le");
                String key = family + rest;
                if (s.name().endsWith("_bucket")) {
                    assertThat(s.labels()).containsKey("le");
                    buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                } else if (s.name().endsWith("_count")) {
                    counts.put(key, s.value());
                }
            }
        }
        for (Map.Entry<String, List<Sample>> e : buckets.entrySet()) {
            List<Sample> b = e.getValue();
            double prevLe = Double.NEGATIVE_INFINITY;
            double prev = 0;
            for (Sample s : b) {
                String le = s.labels().get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                assertThat(bound).as("le increasing in %s", e.getKey()).isGreaterThan(prevLe);
                assertThat(s.value()).as("cumulative buckets in %s", e.getKey()).isGreaterThanOrEqualTo(prev);
                prevLe = bound;
                prev = s.value();
            }
            assertThat(b.getLast().labels().get("le")).isEqualTo("+Inf");
            assertThat(counts).as("_count for %s", e.getKey()).containsKey(e.getKey());
            assertThat(b.getLast().value()).as("+Inf equals _count in %s", e.getKey())
                    .isEqualTo(counts.get(e.getKey()));
        }
    }

    /** @return the value of the one sample with this name and exactly these labels, or null */
    Double value(String name, Map<String, String> labels) {
        Double found = null;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().equals(labels)) {
                assertThat(found).as("one sample for %s%s", name, labels).isNull();
                found = s.value();
            }
        }
        return found;
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    Set<String> families() {
        return types.keySet();
    }
}
