package dev.gatehouse.admin.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** The admin API's JSON mapper: nulls left out, durations as Go-style text ({@code 60s}), instants as ISO. */
public final class Json {
    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .registerModule(new SimpleModule("gatehouse-admin")
                    .addSerializer(Duration.class, new DurationText())
                    .addSerializer(Instant.class, new InstantText()));

    private Json() {
    }

    /**
     * @param value a record or tree
     * @return it as an object node (an empty one for null or a non-object)
     */
    public static ObjectNode object(Object value) {
        if (value == null) {
            return MAPPER.createObjectNode();
        }
        JsonNode n = value instanceof JsonNode j ? j.deepCopy() : MAPPER.valueToTree(value);
        return n instanceof ObjectNode o ? o : MAPPER.createObjectNode();
    }

    /**
     * @param d a duration
     * @return {@code 1h30m}, {@code 60s}, {@code 250ms}, as Traefik's config accepts them
     */
    static String goDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L == 0) {
            return d.toSeconds() + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return d.toMillis() + "ms";
        }
        return nanos % 1000 == 0 ? nanos / 1000 + "us" : nanos + "ns";
    }

    private static final class DurationText extends StdSerializer<Duration> {
        DurationText() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeString(goDuration(value));
        }
    }

    private static final class InstantText extends StdSerializer<Instant> {
        InstantText() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeString(value.toString());
        }
    }
}
