package dev.gatehouse.observability.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The gateway's own log lines, in the shapes Traefik prints: {@code common} is
 * {@code 2025-01-02T10:00:00Z ERR message logger=...}, {@code json} is one object per line with {@code level},
 * {@code time}, {@code logger}, {@code message} and {@code error}.
 */
public final class LogFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final boolean json;
    private final ZoneId zone;

    /**
     * @param json true for JSON lines, false for the common format
     * @param zone the zone times are written in
     */
    public LogFormatter(boolean json, ZoneId zone) {
        this.json = json;
        this.zone = zone;
    }

    @Override
    public String format(LogRecord r) {
        String time = TIME.format(r.getInstant().atZone(zone));
        String message = formatMessage(r);
        String error = r.getThrown() == null ? null : stack(r.getThrown());
        if (!json) {
            StringBuilder sb = new StringBuilder(128).append(time).append(' ').append(shortLevel(r.getLevel()))
                    .append(' ').append(message);
            if (r.getLoggerName() != null) {
                sb.append(" logger=").append(r.getLoggerName());
            }
            if (error != null) {
                sb.append(" error=").append(error.replace("\n", "\n\t"));
            }
            return sb.append('\n').toString();
        }
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("level", longLevel(r.getLevel()));
            if (error != null) {
                g.writeStringField("error", error);
            }
            if (r.getLoggerName() != null) {
                g.writeStringField("logger", r.getLoggerName());
            }
            g.writeStringField("time", time);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.append('\n').toString();
    }

    private static String stack(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString().stripTrailing();
    }

    /**
     * @param level a JUL level
     * @return Traefik's three-letter level
     */
    static String shortLevel(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WRN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INF";
        }
        return v >= Level.FINE.intValue() ? "DBG" : "TRC";
    }

    private static String longLevel(Level level) {
        return switch (shortLevel(level)) {
            case "ERR" -> "error";
            case "WRN" -> "warn";
            case "INF" -> "info";
            case "DBG" -> "debug";
            default -> "trace";
        };
    }
}
