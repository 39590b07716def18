package dev.gatehouse.router;

/**
 * A rule that does not parse or whose matcher arguments are invalid. The message says what went wrong, the
 * 1-based column where it starts and, when there is one, what was expected there:
 * {@code unknown matcher "Hots" at column 1 (expected one of Host, HostRegexp, ...)}.
 *
 * <p>Parsing a rule never throws anything else.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int column;
    private final String expected;

    /**
     * Creates the exception.
     *
     * @param reason   what is wrong, such as {@code unknown matcher "Hots"}
     * @param column   the 1-based column (in characters) where the problem starts
     * @param expected what would have been valid there, or null
     */
    public RuleSyntaxException(String reason, int column, String expected) {
        super(reason + " at column " + column + (expected == null ? "" : " (expected " + expected + ")"));
        this.reason = reason;
        this.column = column;
        this.expected = expected;
    }

    /** @return what is wrong, without the position */
    public String reason() {
        return reason;
    }

    /** @return the 1-based column (in characters) where the problem starts */
    public int column() {
        return column;
    }

    /** @return what would have been valid at the column, or null */
    public String expected() {
        return expected;
    }
}
