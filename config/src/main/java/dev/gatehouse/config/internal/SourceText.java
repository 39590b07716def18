package dev.gatehouse.config.internal;

import java.util.ArrayList;
import java.util.List;

/** A file's text with line starts, to look at the character at a line and column. */
final class SourceText {
    private final String text;
    private final List<Integer> lineStarts = new ArrayList<>();

    SourceText(String text) {
        this.text = text;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    /** @return whether the character at the 1-based line and column is a quote that opens a value */
    boolean isQuote(int line, int column) {
        if (line < 1 || line > lineStarts.size() || column < 1) {
            return false;
        }
        int offset = lineStarts.get(line - 1) + column - 1;
        return offset < text.length() && (text.charAt(offset) == '"' || text.charAt(offset) == '\'');
    }
}
