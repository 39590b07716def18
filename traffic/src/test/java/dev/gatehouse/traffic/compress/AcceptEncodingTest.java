package dev.gatehouse.traffic.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Traefik's Test_getCompressionEncoding table; {@code -} means no compression. */
class AcceptEncodingTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "Empty Accept-Encoding|''|null|null|-",
        "gzip > br (no weight)|gzip, br|null|null|gzip",
        "gzip > br > zstd (no weight)|gzip, br, zstd|null|null|gzip",
        "known compression encoding (no weight)|compress, gzip|null|null|gzip",
        "unknown compression encoding (no weight), no encoding|compress, rar|null|null|-",
        "wildcard returns the default compression encoding|*|null|null|gzip",
        "wildcard returns the custom default compression encoding|*|br|null|br",
        "follows weight|br;q=0.8, gzip;q=1.0, *;q=0.1|null|null|gzip",
        "identity with higher weight is preferred|br;q=0.8, identity;q=1.0|null|null|-",
        "identity with equal weight is not preferred|br;q=0.8, identity;q=0.8|null|null|br",
        "ignore unknown compression encoding|compress;q=1.0, gzip;q=0.5|null|null|gzip",
        "fallback on non-zero compression encoding|compress;q=1.0, gzip, identity;q=0|null|null|gzip",
        "not acceptable (identity)|compress;q=1.0, identity;q=0|null|null|-",
        "not acceptable (wildcard)|compress;q=1.0, *;q=0|null|null|-",
        "non-zero is higher than 0|gzip, *;q=0|null|null|gzip",
        "zstd forbidden, brotli first|zstd, gzip, br|null|br;gzip|br",
        "follows weight, ignores forbidden encoding|br;q=0.8, gzip;q=1.0, *;q=0.1|null|zstd;br|br",
        "mixed weight|gzip, br;q=0.9|null|gzip;br|gzip",
        "Zero weights, no compression|br;q=0, gzip;q=0, zstd;q=0|null|null|-",
        "Zero weights, default encoding, no compression|br;q=0, gzip;q=0, zstd;q=0|br|null|-",
        "Same weight, first supported encoding|br;q=1.0, gzip;q=1.0, zstd;q=1.0|null|null|gzip",
        "Same weight, order has no effect|br;q=1.0, zstd;q=1.0, gzip;q=1.0|null|null|gzip",
        "Same weight, defaultEncoding has no effect|br;q=1.0, zstd;q=1.0, gzip;q=1.0|br|null|gzip",
    })
    void choose(String desc, String header, String defaultEncoding, String supported, String expected) {
        // Traefik's table runs with its code-level list gzip, br, zstd unless it names another.
        List<String> encodings = supported == null ? List.of("gzip", "br", "zstd") : List.of(supported.split(";"));
        String chosen = new AcceptEncoding(encodings, defaultEncoding).choose(List.of(header));
        assertThat(chosen == null ? "-" : chosen).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "weight|br;q=1.0, zstd;q=0.9, gzip;q=0.8, *;q=0.1|gzip;br;zstd|br=1.0 zstd=0.9 gzip=0.8 *=0.1",
        "weight with supported|br;q=1.0, zstd;q=0.9, gzip;q=0.8, *;q=0.1|br;gzip|br=1.0 gzip=0.8 *=0.1",
        "mixed|zstd,gzip, br;q=1.0, *;q=0|gzip;br;zstd|zstd=1.0 gzip=1.0 br=1.0",
        "mixed with supported|zstd,gzip, br;q=1.0, *;q=0|zstd|zstd=1.0",
        "no weight|zstd, gzip, br, *|gzip;br;zstd|zstd=1.0 gzip=1.0 br=1.0 *=1.0",
        "no weight with supported|zstd, gzip, br, *|gzip|gzip=1.0 *=1.0",
        "weight and identity|gzip;q=1.0, identity; q=0.5, *;q=0|gzip;br;zstd|gzip=1.0 identity=0.5",
        "weight and identity, br only|gzip;q=1.0, identity; q=0.5, *;q=0|br|identity=0.5",
    })
    void parse(String desc, String header, String supported, String expected) {
        var parsed = new AcceptEncoding(List.of(supported.split(";")), null).parse(List.of(header));
        String text = String.join(" ", parsed.stream().map(c -> c.type() + "=" + c.weight()).toList());
        assertThat(text).isEqualTo(expected);
    }
}
