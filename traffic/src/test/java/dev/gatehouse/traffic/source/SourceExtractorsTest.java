package dev.gatehouse.traffic.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.net.IpStrategySpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.traffic.testing.Exchanges;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases ported from Traefik's ip strategy and source extractor tests. */
class SourceExtractorsTest {
    private static String extract(SourceCriterionSpec spec, SourceExtractors.Default def, String clientIp,
                                  String... headers) {
        HttpRequest req = Exchanges.get(headers);
        return SourceExtractors.of(spec, def, "sourceCriterion").extract(Exchanges.ctx(clientIp), req);
    }

    private static SourceCriterionSpec ip(Integer depth, List<String> excluded, Integer subnet) {
        return new SourceCriterionSpec(new IpStrategySpec(depth, excluded, subnet), null, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "use depth|3|10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1|10.0.0.3",
        "nonexistent depth|2|''|''",
        "depth matching the first IP|2|10.0.0.2,10.0.0.1|10.0.0.2",
        "depth with spaces|1|10.0.0.2, 10.0.0.1|10.0.0.1",
    })
    void depth(String desc, int depth, String xff, String expected) {
        assertThat(extract(ip(depth, null, null), SourceExtractors.Default.CLIENT_IP, "192.0.2.1",
                "X-Forwarded-For", xff)).isEqualTo(expected);
    }

    @Test
    void depthWithIpv6Subnet() {
        SourceCriterionSpec spec = ip(2, null, 80);
        assertThat(extract(spec, SourceExtractors.Default.CLIENT_IP, "192.0.2.1",
                "X-Forwarded-For", "10.0.0.3,10.0.0.2,10.0.0.1")).isEqualTo("10.0.0.2");
        assertThat(extract(spec, SourceExtractors.Default.CLIENT_IP, "192.0.2.1",
                "X-Forwarded-For", "10.0.0.3,::abcd:ffff:c0a8:1,10.0.0.1")).isEqualTo("::abcd:0:0:0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "all excluded|10.0.0.4;10.0.0.3;10.0.0.2;10.0.0.1|10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1|''",
        "some excluded|10.0.0.2;10.0.0.1|10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1|10.0.0.3",
        "excluded CIDR|10.0.0.1/24|127.0.0.1,10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1|127.0.0.1",
        "all excluded by CIDR|10.0.0.1/24|10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1|''",
    })
    void excludedIps(String desc, String excluded, String xff, String expected) {
        SourceCriterionSpec spec = ip(null, List.of(excluded.split(";")), null);
        assertThat(extract(spec, SourceExtractors.Default.CLIENT_IP, "192.0.2.1", "X-Forwarded-For", xff))
                .isEqualTo(expected);
    }

    @Test
    void remoteAddressWithAndWithoutSubnet() {
        assertThat(extract(null, SourceExtractors.Default.CLIENT_IP, "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(extract(ip(null, null, 24), SourceExtractors.Default.CLIENT_IP, "192.0.2.1"))
                .as("IPv4 ignores the IPv6 subnet").isEqualTo("192.0.2.1");
        assertThat(extract(ip(null, null, null), SourceExtractors.Default.CLIENT_IP, "::abcd:ffff:c0a8:1"))
                .isEqualTo("::abcd:ffff:c0a8:1");
        assertThat(extract(ip(null, null, 80), SourceExtractors.Default.CLIENT_IP, "::abcd:ffff:c0a8:1"))
                .isEqualTo("::abcd:0:0:0");
        assertThat(extract(ip(null, null, 64), SourceExtractors.Default.CLIENT_IP, "2001:db8:1:2:3:4:5:6"))
                .isEqualTo("2001:db8:1:2::");
    }

    @Test
    void headerAndHostCriteria() {
        SourceCriterionSpec header = new SourceCriterionSpec(null, "X-Api-Key", null);
        assertThat(extract(header, SourceExtractors.Default.CLIENT_IP, "192.0.2.1", "X-Api-Key", "k1"))
                .isEqualTo("k1");
        assertThat(extract(header, SourceExtractors.Default.CLIENT_IP, "192.0.2.1")).isEmpty();
        SourceCriterionSpec host = new SourceCriterionSpec(null, null, true);
        assertThat(extract(host, SourceExtractors.Default.CLIENT_IP, "192.0.2.1")).isEqualTo("example.com");
        assertThat(extract(new SourceCriterionSpec(null, "", false), SourceExtractors.Default.REQUEST_HOST,
                "192.0.2.1")).as("nothing set falls back to the kind's default").isEqualTo("example.com");
    }

    @Test
    void criteriaAreMutuallyExclusive() {
        IpStrategySpec ip = new IpStrategySpec(null, null, null);
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(ip, "X", null),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(ip, null, true),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> SourceExtractors.of(new SourceCriterionSpec(null, "X", true),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("mutually exclusive");
    }

    @Test
    void invalidStrategiesAreRejected() {
        assertThatThrownBy(() -> SourceExtractors.of(ip(null, null, 500), SourceExtractors.Default.CLIENT_IP,
                "sourceCriterion")).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath())
                .isEqualTo("sourceCriterion.ipStrategy.ipv6Subnet");
        assertThatThrownBy(() -> SourceExtractors.of(ip(null, List.of("10.0.0.0/33"),
                null), SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> SourceExtractors.of(ip(null, List.of("not-an-ip"), null),
                SourceExtractors.Default.CLIENT_IP, "sourceCriterion"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not-an-ip")
                .extracting(e -> ((InvalidSpecException) e).keyPath())
                .isEqualTo("sourceCriterion.ipStrategy.excludedIPs[0]");
    }

    @Test
    void negativeDepthIsIgnoredAsInTraefik() {
        assertThat(extract(ip(-1, null, null), SourceExtractors.Default.CLIENT_IP, "192.0.2.1",
                "X-Forwarded-For", "10.0.0.1")).isEqualTo("192.0.2.1");
        assertThat(extract(ip(-1, List.of("10.0.0.1"), null), SourceExtractors.Default.CLIENT_IP, "192.0.2.1",
                "X-Forwarded-For", "10.0.0.2,10.0.0.1")).isEqualTo("10.0.0.2");
    }
}
