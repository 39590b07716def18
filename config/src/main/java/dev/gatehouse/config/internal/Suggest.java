package dev.gatehouse.config.internal;

import java.util.Collection;
import java.util.Locale;

/** Finds a known key close to a mistyped one. */
public final class Suggest {
    private static final int MAX_DISTANCE = 2;

    private Suggest() {
    }

    /**
     * The message for an unknown key.
     *
     * @param key   the key as written
     * @param known the keys that are allowed here
     * @return {@code unknown key "rulee" (did you mean "rule"?)}, or a list of the known keys when none is close
     */
    public static String unknownKey(String key, Collection<String> known) {
        String close = closest(key, known);
        if (close != null) {
            return "unknown key \"" + key + "\" (did you mean \"" + close + "\"?)";
        }
        return "unknown key \"" + key + "\" (expected one of " + String.join(", ", known) + ")";
    }

    /**
     * The closest known word within edit distance 2, ignoring case.
     *
     * @param word  the word
     * @param known the candidates
     * @return the closest candidate, or null
     */
    public static String closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        String w = word.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance; the words are keys, so the quadratic table is small. */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
            return MAX_DISTANCE + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
