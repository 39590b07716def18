package dev.gatehouse.core;

/** Reads {@code Content-Length} values without a parser's exceptions or allocations, on the hot path. */
public final class ContentLengths {
    /** The most digits read: 18 always fit a long, and no body comes near 10^18 bytes. */
    private static final int MAX_DIGITS = 18;

    private ContentLengths() {
    }

    /**
     * @param text a header value
     * @return its value when it is 1 to 18 ASCII digits (no sign, no blanks), else -1
     */
    public static long parse(CharSequence text) {
        int n = text == null ? 0 : text.length();
        if (n == 0 || n > MAX_DIGITS) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
