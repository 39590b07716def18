package dev.gatehouse.observability.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Traefik's JSON access log: one object per line, Traefik's field names, keys in byte order (Go sorts map keys,
 * so tools that diff lines see the same order). {@code Duration} is in nanoseconds; times are RFC 3339 with
 * nanoseconds.
 */
public final class JsonFormat implements LineFormat {
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final FieldRules rules;
    private final ZoneId zone;

    /**
     * @param rules which fields are kept
     * @param zone  the local zone
     */
    public JsonFormat(FieldRules rules, ZoneId zone) {
        this.rules = rules;
        this.zone = zone;
    }

    @Override
    public void append(AccessLogEntry e, StringBuilder out) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            if (e.clientIp() != null) {
                text(g, "ClientAddr", e.clientPort() >= 0 ? Addresses.join(e.clientIp(), e.clientPort()) : e.clientIp());
                text(g, "ClientHost", e.clientIp());
                text(g, "ClientPort", e.clientPort() >= 0 ? Integer.toString(e.clientPort()) : "-");
            }
            text(g, "AuthDecision", e.authDecision());
            text(g, "AuthMethod", e.authMethod());
            text(g, "ClientUsername", e.username() == null ? "-" : e.username());
            text(g, "ConsumerId", e.consumerId());
            number(g, "DownstreamContentSize", e.responseBytes());
            number(g, "DownstreamStatus", e.status());
            number(g, "Duration", e.durationNanos());
            boolean hasHost = !e.authority().isEmpty();
            if (hasHost) {
                text(g, "RequestAddr", e.authority());
            }
            number(g, "RequestContentSize", e.requestBytes());
            number(g, "RequestCount", e.requestCount());
            if (hasHost) {
                text(g, "RequestHost", Addresses.host(e.authority()));
            }
            text(g, "RequestMethod", e.method());
            text(g, "RequestPath", e.uri());
            if (hasHost) {
                text(g, "RequestPort", Addresses.port(e.authority()));
            }
            text(g, "RequestProtocol", e.protocol());
            text(g, "RequestScheme", e.scheme());
            text(g, "RouterName", e.router());
            if (e.serviceUrl() != null) {
                text(g, "ServiceAddr", Addresses.authorityOf(e.serviceUrl()));
            }
            text(g, "ServiceName", e.service());
            text(g, "ServiceURL", e.serviceUrl());
            text(g, "StartLocal", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.start().atZone(zone)));
            text(g, "StartUTC", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.start().atZone(ZoneOffset.UTC)));
            text(g, "entryPointName", e.entryPoint());
            g.writeStringField("level", "info");
            g.writeStringField("msg", "");
            headers(g, e.headers());
            g.writeStringField("time", SECONDS.format(e.start().plusNanos(e.durationNanos()).atZone(zone)));
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.append(w).append('\n');
    }

    private void text(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && rules.keep(field)) {
            g.writeStringField(field, value);
        }
    }

    private void number(JsonGenerator g, String field, long value) throws IOException {
        if (rules.keep(field)) {
            g.writeNumberField(field, value);
        }
    }

    private static void headers(JsonGenerator g, String[] pairs) throws IOException {
        if (pairs.length == 0) {
            return;
        }
        Integer[] order = new Integer[pairs.length / 2];
        for (int i = 0; i < order.length; i++) {
            order[i] = i * 2;
        }
        Arrays.sort(order, Comparator.comparing(i -> pairs[i]));
        for (int i : order) {
            g.writeStringField("request_" + pairs[i], pairs[i + 1]);
        }
    }
}
