package dev.gatehouse.config.install;

import java.util.Map;

/**
 * {@code accessLog}.
 *
 * @param filePath      the file; null means standard output
 * @param format        {@code common} (default) or {@code json}
 * @param bufferingSize lines held before a write (default 0: write as they come, off the event loop)
 * @param fields        which fields and headers appear
 */
public record AccessLogSpec(String filePath, String format, Integer bufferingSize, FieldsSpec fields) {
    /**
     * {@code accessLog.fields}.
     *
     * @param defaultMode {@code keep} (default) or {@code drop}
     * @param names       per-field modes ({@code keep} or {@code drop})
     * @param headers     header modes
     */
    public record FieldsSpec(String defaultMode, Map<String, String> names, HeadersSpec headers) {
    }

    /**
     * {@code accessLog.fields.headers}.
     *
     * @param defaultMode {@code drop} (default), {@code keep} or {@code redact}
     * @param names       per-header modes; {@code Authorization} and {@code Cookie} are redacted unless set
     */
    public record HeadersSpec(String defaultMode, Map<String, String> names) {
    }
}
