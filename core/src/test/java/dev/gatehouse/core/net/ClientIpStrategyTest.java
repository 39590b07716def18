package dev.gatehouse.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** After Traefik's ip/strategy_test.go and the validation of its dynamic IPStrategy. */
class ClientIpStrategyTest {
    private static RequestContext peer(String ip) {
        return new RequestContext(null, ByteBufAllocator.DEFAULT, new InetSocketAddress(ip, 40_000), "web", false);
    }

    private static HttpRequest request(String... forwardedFor) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (String v : forwardedFor) {
            h.add("X-Forwarded-For", v);
        }
        return new HttpRequest(HttpMethod.GET, "http", "example.com", "/", null, h, Body.empty(), "HTTP/1.1");
    }

    private static String clientIp(IpStrategySpec spec, String peer, String... forwardedFor) {
        return ClientIpStrategy.of(spec, "ipStrategy").clientIp(peer(peer), request(forwardedFor));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "use depth                   | 3 | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1 | 10.0.0.3",
        "nonexistent depth           | 2 | ''                                  | ''",
        "depth matching the first IP | 2 | 10.0.0.2,10.0.0.1                   | 10.0.0.2",
        "depth beyond the list       | 5 | 10.0.0.2,10.0.0.1                   | ''",
        "depth with spaces           | 1 | 10.0.0.2, 10.0.0.1                  | 10.0.0.1",
        "empty entries count         | 1 | 10.0.0.4,                           | ''",
        "entry kept as sent          | 1 | 10.0.0.2,10.0.0.1:8080              | 10.0.0.1:8080",
        "not an IP kept as sent      | 2 | garbage,10.0.0.1                    | garbage",
    })
    void depth(String desc, int depth, String xff, String expected) {
        assertThat(clientIp(new IpStrategySpec(depth, null, null), "192.0.2.1", xff)).isEqualTo(expected);
    }

    @Test
    void depthWithoutHeaderAndOnlyTheFirstHeaderLine() {
        assertThat(clientIp(new IpStrategySpec(1, null, null), "192.0.2.1")).isEmpty();
        assertThat(clientIp(new IpStrategySpec(1, null, null), "192.0.2.1", "10.0.0.1", "10.0.0.2"))
                .isEqualTo("10.0.0.1");
    }

    @Test
    void depthWithIpv6Subnet() {
        IpStrategySpec spec = new IpStrategySpec(2, null, 80);
        assertThat(clientIp(spec, "192.0.2.1", "10.0.0.3,10.0.0.2,10.0.0.1")).isEqualTo("10.0.0.2");
        assertThat(clientIp(spec, "192.0.2.1", "10.0.0.3,::abcd:ffff:c0a8:1,10.0.0.1")).isEqualTo("::abcd:0:0:0");
        assertThat(clientIp(new IpStrategySpec(1, null, 48), "192.0.2.1", "2001:db8:1:2:3:4:5:6"))
                .isEqualTo("2001:db8:1::");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "all excluded         | 10.0.0.4 10.0.0.3 10.0.0.2 10.0.0.1 | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1 | ''",
        "some excluded        | 10.0.0.2 10.0.0.1 | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1           | 10.0.0.3",
        "excluded CIDR        | 10.0.0.1/24       | 127.0.0.1,10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1 | 127.0.0.1",
        "all excluded by CIDR | 10.0.0.1/24       | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1           | ''",
        "empty entries skipped| 10.0.0.1          | 10.0.0.3,,10.0.0.1,                           | 10.0.0.3",
        "not an IP is chosen  | 10.0.0.1          | 10.0.0.3,garbage,10.0.0.1                     | garbage",
        "mapped is excluded   | 10.0.0.0/8        | 1.1.1.1,::ffff:10.0.0.1                        | 1.1.1.1",
        "zone is ignored      | fe80::/10         | 1.1.1.1,fe80::1%eth0                          | 1.1.1.1",
        "brackets are not IPs | ::1               | 1.1.1.1,[::1]                                 | [::1]",
    })
    void excludedIps(String desc, String excluded, String xff, String expected) {
        IpStrategySpec spec = new IpStrategySpec(null, Arrays.asList(excluded.split(" ")), 64);
        assertThat(clientIp(spec, "192.0.2.1", xff)).as("ipv6Subnet does not apply").isEqualTo(expected);
    }

    @Test
    void remoteAddressWithAndWithoutSubnet() {
        assertThat(ClientIpStrategy.remoteAddress().clientIp(peer("192.0.2.1"), request("10.0.0.1")))
                .isEqualTo("192.0.2.1");
        assertThat(clientIp(null, "192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(clientIp(new IpStrategySpec(0, List.of(), null), "192.0.2.1", "10.0.0.1"))
                .isEqualTo("192.0.2.1");
        assertThat(clientIp(new IpStrategySpec(null, null, 24), "192.0.2.1")).as("IPv4 ignores the IPv6 subnet")
                .isEqualTo("192.0.2.1");
        assertThat(clientIp(new IpStrategySpec(null, null, null), "::abcd:ffff:c0a8:1"))
                .isEqualTo("::abcd:ffff:c0a8:1");
        assertThat(clientIp(new IpStrategySpec(null, null, 80), "::abcd:ffff:c0a8:1")).isEqualTo("::abcd:0:0:0");
        assertThat(clientIp(new IpStrategySpec(null, null, 64), "2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2::");
        assertThat(clientIp(new IpStrategySpec(null, null, 128), "2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(ClientIpStrategy.remoteAddress().clientIp(
                new RequestContext(null, ByteBufAllocator.DEFAULT, null, "web", false), request())).isEmpty();
        assertThat(ClientIpStrategy.remoteAddress().clientIp(new RequestContext(null, ByteBufAllocator.DEFAULT,
                InetSocketAddress.createUnresolved("peer.local", 1), "web", false), request()))
                .isEqualTo("peer.local");
    }

    @Test
    void negativeDepthMeansNoDepth() {
        assertThat(clientIp(new IpStrategySpec(-1, null, null), "192.0.2.1", "10.0.0.1")).isEqualTo("192.0.2.1");
        assertThat(clientIp(new IpStrategySpec(-1, List.of("10.0.0.1"), null), "192.0.2.1", "10.0.0.2,10.0.0.1"))
                .isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6SubnetIsCheckedOnlyWhereItApplies() {
        for (IpStrategySpec bad : List.of(new IpStrategySpec(1, null, 129), new IpStrategySpec(null, null, 0),
                new IpStrategySpec(null, null, 500), new IpStrategySpec(-1, null, -3))) {
            assertThatThrownBy(() -> ClientIpStrategy.of(bad, "sourceCriterion.ipStrategy"))
                    .isInstanceOf(InvalidSpecException.class).hasMessageContaining("invalid IPv6 subnet")
                    .extracting(e -> ((InvalidSpecException) e).keyPath())
                    .isEqualTo("sourceCriterion.ipStrategy.ipv6Subnet");
        }
        // As Traefik: the excludedIPs strategy ignores ipv6Subnet, so it is not validated there.
        assertThat(ClientIpStrategy.of(new IpStrategySpec(null, List.of("10.0.0.1"), 500), "ipStrategy"))
                .isNotNull();
    }

    @Test
    void badExcludedIpsAreNamedByIndex() {
        assertThatThrownBy(() -> ClientIpStrategy.of(new IpStrategySpec(null, List.of("not-an-ip"), null),
                "ipStrategy")).isInstanceOf(InvalidSpecException.class).hasMessageContaining("not-an-ip")
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("ipStrategy.excludedIPs[0]");
        // Depth wins, so excludedIPs is not even read, as in Traefik.
        assertThat(ClientIpStrategy.of(new IpStrategySpec(1, List.of("not-an-ip"), null), "ipStrategy"))
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
        "::abcd:ffff:c0a8:1     | 500 | ::abcd:ffff:c0a8:1",
        "::abcd:ffff:c0a8:1     | 80  | ::abcd:0:0:0",
        "::abcd:ffff:c0a8:1%1   | 80  | ::abcd:0:0:0",
        "[::abcd:ffff:c0a8:1]   | 80  | [::abcd:ffff:c0a8:1]",
        "::ffff:10.1.2.3        | 120 | ::ffff:10.1.2.0",
        "10.1.2.3               | 8   | 10.1.2.3",
        "not an ip              | 64  | not an ip",
    })
    void ipv6SubnetIpAsTraefik(String ip, int bits, String expected) {
        assertThat(ClientIpStrategy.ipv6SubnetIp(ip, bits)).isEqualTo(expected);
    }
}
