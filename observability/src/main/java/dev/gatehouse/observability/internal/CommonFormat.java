package dev.gatehouse.observability.internal;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Traefik's common log format:
 * <pre>
 * ClientHost - ClientUsername [time] "Method Path Protocol" Status Size "Referer" "User-Agent" RequestCount
 *     "RouterName" "ServiceURL" Durationms
 * </pre>
 * As in Traefik, the time is the start in UTC unless {@code StartUTC} is dropped (then the local start), and a
 * dropped or missing field prints {@code -}.
 */
public final class CommonFormat implements LineFormat {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final FieldRules rules;
    private final ZoneId zone;

    /**
     * @param rules which fields are kept
     * @param zone  the local zone
     */
    public CommonFormat(FieldRules rules, ZoneId zone) {
        this.rules = rules;
        this.zone = zone;
    }

    @Override
    public void append(AccessLogEntry e, StringBuilder out) {
        out.append(plain("ClientHost", e.clientIp())).append(" - ")
                .append(plain("ClientUsername", e.username())).append(" [");
        if (rules.keep("StartUTC")) {
            out.append(CLF.format(e.start().atZone(ZoneOffset.UTC)));
        } else if (rules.keep("StartLocal")) {
            out.append(CLF.format(e.start().atZone(zone)));
        } else {
            out.append('-');
        }
        out.append("] \"").append(plain("RequestMethod", e.method())).append(' ')
                .append(plain("RequestPath", e.uri())).append(' ')
                .append(plain("RequestProtocol", e.protocol())).append("\" ")
                .append(rules.keep("DownstreamStatus") ? Integer.toString(e.status()) : "-").append(' ')
                .append(rules.keep("DownstreamContentSize") ? Long.toString(e.responseBytes()) : "-").append(' ')
                .append(quoted(e.referer())).append(' ')
                .append(quoted(e.userAgent())).append(' ')
                .append(rules.keep("RequestCount") ? Long.toString(e.requestCount()) : "-").append(' ')
                .append(quoted(rules.keep("RouterName") ? e.router() : null)).append(' ')
                .append(quoted(rules.keep("ServiceURL") ? e.serviceUrl() : null)).append(' ')
                .append(rules.keep("Duration") ? e.durationNanos() / 1_000_000 : 0).append("ms\n");
    }

    private String plain(String field, String value) {
        return value == null || value.isEmpty() || !rules.keep(field) ? "-" : value;
    }

    private static String quoted(String value) {
        return value == null || value.isEmpty() ? "\"-\"" : '"' + value + '"';
    }
}
