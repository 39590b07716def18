package dev.gatehouse.config;

/**
 * One config error, located: {@code dynamic.yaml:12:7: http.routers.api.rule: unknown matcher "Hots"}.
 *
 * @param file    the file name as the user gave it, or an empty string when there is no file
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param keyPath the key path, such as {@code http.routers.api.rule}
 * @param message what is wrong and what was expected
 */
public record Diagnostic(String file, int line, int column, String keyPath, String message) {
    /** @return the one-line form: {@code file:line:column: keyPath: message} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!file.isEmpty()) {
            sb.append(file).append(':');
            if (line > 0) {
                sb.append(line).append(':').append(column).append(':');
            }
            sb.append(' ');
        }
        if (!keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(message).toString();
    }
}
