package dev.gatehouse.middleware.ipallowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.net.IpStrategySpec;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** After Traefik's ip_allowlist_test.go and ip/strategy_test.go. */
class IpAllowListMiddlewareTest {
    private static Middleware build(String ranges, IpStrategySpec strategy, Integer reject) {
        return new IpAllowListFactory().create(
                new IpAllowListSpec(Arrays.asList(ranges.split(" ")), strategy, reject), TestBuildContext.simple());
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "20.20.20.20             | 20.20.20.20  | NULL | 200",
        "20.20.20.20             | 20.20.20.21  | NULL | 403",
        "20.20.20.20             | 20.20.20.20  | 404  | 200",
        "20.20.20.20             | 20.20.20.21  | 404  | 404",
        "10.0.0.0/8 192.168.1.7  | 10.200.1.1   | NULL | 200",
        "10.0.0.0/8 192.168.1.7  | 192.168.1.7  | NULL | 200",
        "10.0.0.0/8 192.168.1.7  | 192.168.1.8  | NULL | 403",
        "2001:db8::/32           | 2001:db8::1  | NULL | 200",
        "2001:db8::/32           | 2001:db9::1  | NULL | 403",
        "::ffff:10.0.0.0/104     | 10.1.2.3     | NULL | 200",
        "10.0.0.0/8              | ::ffff:10.1.2.3 | NULL | 200",
    })
    void peerAddress(String ranges, String peer, Integer reject, int status) {
        Exchange ex = Exchange.of("GET", "/", peer, false, null);
        assertThat(ex.run(build(ranges, null, reject)).status()).isEqualTo(status);
        assertThat(ex.reachedService()).isEqualTo(status == 200);
    }

    @ParameterizedTest(name = "depth {0} of \"{1}\"")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "1 | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1 | 10.0.0.1/32 | 200",
        "2 | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1 | 10.0.0.2/32 | 200",
        "2 | 10.0.0.4, 10.0.0.3 ,10.0.0.2 ,10.0.0.1 | 10.0.0.2/32 | 200",
        "5 | 10.0.0.4,10.0.0.3,10.0.0.2,10.0.0.1 | 0.0.0.0/0   | 403",
        "1 | NULL                                | 0.0.0.0/0   | 403",
        "1 | 10.0.0.4,                           | 0.0.0.0/0   | 403",
        "1 | 10.0.0.4,10.0.0.1:8080              | 10.0.0.1/32 | 200",
        "1 | 10.0.0.4,[2001:db8::1]:8080         | 2001:db8::/32 | 200",
        "1 | 10.0.0.4,[2001:db8::1]              | 0.0.0.0/0 ::/0 | 403",
        "1 | 10.0.0.4,::1.2.3.4                  | 1.2.3.4/32  | 403",
        "1 | 10.0.0.4,::ffff:1.2.3.4             | 1.2.3.4/32  | 200",
        "1 | 10.0.0.4,010.0.0.1                  | 0.0.0.0/0   | 403",
    })
    void depthStrategy(int depth, String xff, String ranges, int status) {
        Exchange ex = Exchange.of("GET", "/", "1.1.1.1", false, null);
        if (xff != null) {
            ex.header("X-Forwarded-For", xff);
        }
        assertThat(ex.run(build(ranges, new IpStrategySpec(depth, null, null), null)).status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "excluded {0} of \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1               | 10.0.0.3,10.0.0.2,10.0.0.1 | 10.0.0.2/32 | 200",
        "10.0.0.1 10.0.0.2      | 10.0.0.3,10.0.0.2,10.0.0.1 | 10.0.0.3/32 | 200",
        "10.0.0.0/8             | 10.0.0.3,10.0.0.2,10.0.0.1 | 0.0.0.0/0   | 403",
        "10.0.0.1               | 10.0.0.3,,10.0.0.1,        | 10.0.0.3/32 | 200",
        "10.0.0.1               | 10.0.0.3,garbage,10.0.0.1  | 0.0.0.0/0   | 403",
        "10.0.0.1               | 10.0.0.3,10.0.0.2:80,10.0.0.1 | 10.0.0.2/32 | 200",
    })
    void excludedIpsStrategy(String excluded, String xff, String ranges, int status) {
        Exchange ex = Exchange.of("GET", "/", "1.1.1.1", false, null).header("X-Forwarded-For", xff);
        IpStrategySpec strategy = new IpStrategySpec(null, Arrays.asList(excluded.split(" ")), null);
        assertThat(ex.run(build(ranges, strategy, null)).status()).isEqualTo(status);
    }

    @Test
    void ipv6SubnetGroupsAClientSubnet() {
        Exchange ex = Exchange.of("GET", "/", "1.1.1.1", false, null)
                .header("X-Forwarded-For", "2001:db8:1:2:3:4:5:6");
        assertThat(ex.run(build("2001:db8:1::", new IpStrategySpec(1, null, 48), null)).status()).isEqualTo(200);
        Exchange peer = Exchange.of("GET", "/", "2001:db8:1:2:3:4:5:6", false, null);
        assertThat(peer.run(build("2001:db8:1:2::", new IpStrategySpec(null, null, 64), null)).status())
                .isEqualTo(200);
        assertThat(Exchange.of("GET", "/", "2001:db8:1:2:3:4:5:6", false, null)
                .run(build("2001:db8:1:2::", null, null)).status()).isEqualTo(403);
    }

    @Test
    void invalidConfigsAreRefused() {
        assertThatThrownBy(() -> build("foo", null, null)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("sourceRange[0]");
        assertThatThrownBy(() -> build("10.0.0.0/8 10.0.0.0/33", null, null))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("sourceRange[1]");
        assertThatThrownBy(() -> build("10.10.10.10", new IpStrategySpec(null, List.of("nope"), null), null))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("ipStrategy.excludedIPs[0]");
        assertThatThrownBy(() -> build("10.10.10.10", null, 600)).isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("rejectStatusCode");
        assertThatThrownBy(() -> build("10.10.10.10", new IpStrategySpec(1, null, 129), null))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("ipStrategy.ipv6Subnet");
        assertThatThrownBy(() -> new IpAllowListFactory().create(new IpAllowListSpec(List.of(), null, null),
                TestBuildContext.simple())).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void deprecatedWhiteListNameStillWorks() {
        Middleware mw = new IpWhiteListFactory().create(new IpWhiteListSpec(List.of("10.0.0.1"), null),
                TestBuildContext.simple());
        assertThat(Exchange.of("GET", "/", "10.0.0.1", false, null).run(mw).status()).isEqualTo(200);
        assertThat(Exchange.of("GET", "/", "10.0.0.2", false, null).run(mw).status()).isEqualTo(403);
    }
}
