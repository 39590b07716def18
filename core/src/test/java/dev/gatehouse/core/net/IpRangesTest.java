package dev.gatehouse.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.spi.InvalidSpecException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** After Traefik's ip/checker_test.go, with Go's rules for IPv4-mapped addresses. */
class IpRangesTest {
    private static IpRanges ranges(String entries) {
        return IpRanges.parse(Arrays.asList(entries.split(" ")), "sourceRange");
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "20.20.20.20                     | 20.20.20.20          | true",
        "20.20.20.20                     | 20.20.20.21          | false",
        "10.0.0.0/8 192.168.1.7          | 10.200.1.1           | true",
        "10.0.0.0/8 192.168.1.7          | 192.168.1.7          | true",
        "10.0.0.0/8 192.168.1.7          | 192.168.1.8          | false",
        "1.2.3.4/24                      | 1.2.3.254            | true",
        "1.2.3.4/24                      | 1.2.4.1              | false",
        "10.240.0.0/12                   | 10.255.0.1           | true",
        "10.240.0.0/12                   | 10.224.0.1           | false",
        "0.0.0.0/0                       | 8.8.8.8              | true",
        "0.0.0.0/0                       | 2001:db8::1          | false",
        "::/0                            | 2001:db8::1          | true",
        "::/0                            | 8.8.8.8              | false",
        "2001:db8::/32                   | 2001:db8::1          | true",
        "2001:db8::/32                   | 2001:DB8:ffff::1     | true",
        "2001:db8::/32                   | 2001:db9::1          | false",
        "2a03:4000:6:d080::/64           | 2a03:4000:6:d080::42 | true",
        "2a03:4000:6:d080::42            | 2a03:4000:6:d080::42 | true",
        "2a03:4000:6:d080::42            | 2a03:4000:6:d080::41 | false",
        "::ffff:10.0.0.0/104             | 10.1.2.3             | true",
        "::ffff:10.0.0.0/104             | 11.1.2.3             | false",
        "::ffff:10.0.0.0/90              | 11.1.2.3             | true",
        "::ffff:10.0.0.1                 | 10.0.0.1             | true",
        "10.0.0.0/8                      | ::ffff:10.1.2.3      | true",
        "1.2.3.4                         | ::1.2.3.4            | false",
        "fe80::/10                       | fe80::1%eth0         | true",
        "10.0.0.0/8                      | 010.0.0.1            | false",
        "10.0.0.0/8                      | ''                   | false",
        "10.0.0.0/8                      | garbage              | false",
        "10.0.0.0/8                      | 10.0.0.1:80          | false",
    })
    void containsLikeGo(String entries, String ip, boolean expected) {
        assertThat(ranges(entries).contains(ip)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8    | 10.0.0.1:80   | true",
        "10.0.0.0/8    | 10.0.0.1      | true",
        "2001:db8::/32 | [2001:db8::1]:443 | true",
        "2001:db8::/32 | 2001:db8::1   | true",
        "2001:db8::/32 | [2001:db8::1] | false",
        "10.0.0.0/8    | 11.0.0.1:80   | false",
        "10.0.0.0/8    | ''            | false",
    })
    void containsHostDropsAPortAsTraefiksIsAuthorized(String entries, String address, boolean expected) {
        assertThat(ranges(entries).containsHost(address)).isEqualTo(expected);
    }

    @Test
    void entriesAreTrimmedAndAnEmptyListContainsNothing() {
        assertThat(IpRanges.parse(List.of(" 10.0.0.0/8 "), "k").contains("10.1.1.1")).isTrue();
        assertThat(IpRanges.parse(List.of(), "k").contains("10.1.1.1")).isFalse();
        assertThat(ranges("10.0.0.0/008").contains("10.1.1.1")).as("Go reads leading zeros of a prefix").isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "foo           | is not an IP address or CIDR",
        "''            | is not an IP address or CIDR",
        "foo/8         | is not an IP address or CIDR",
        "[::1]         | is not an IP address or CIDR",
        "fe80::1%eth0  | is not an IP address or CIDR",
        "fe80::%1/64   | is not an IP address or CIDR",
        "010.0.0.0/8   | is not an IP address or CIDR",
        "10.0.0.0/33   | invalid prefix length (expected 0 to 32)",
        "::/129        | invalid prefix length (expected 0 to 128)",
        "10.0.0.0/     | invalid prefix length",
        "10.0.0.0/+8   | invalid prefix length",
        "10.0.0.0/-1   | invalid prefix length",
        "10.0.0.0/8/8  | invalid prefix length",
        "10.0.0.0/ 8   | invalid prefix length",
    })
    void badEntriesAreNamedByIndex(String bad, String message) {
        assertThatThrownBy(() -> IpRanges.parse(Arrays.asList("10.0.0.1", bad), "sourceRange"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(message)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("sourceRange[1]");
    }

    @Test
    void aNullEntryIsRefused() {
        assertThatThrownBy(() -> IpRanges.parse(Arrays.asList((String) null), "excludedIPs"))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).keyPath()).isEqualTo("excludedIPs[0]");
    }
}
