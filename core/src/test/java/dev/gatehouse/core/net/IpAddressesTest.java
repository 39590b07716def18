package dev.gatehouse.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and formatting as Go's netip package does (after its ParseAddr and String tests). */
class IpAddressesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1.2.3.4                 | 1.2.3.4",
        "0.0.0.0                 | 0.0.0.0",
        "255.255.255.255         | 255.255.255.255",
        "::                      | ::",
        "::1                     | ::1",
        "2001:DB8::1             | 2001:db8::1",
        "2001:db8:0:0:1:0:0:1    | 2001:db8::1:0:0:1",
        "2001:0db8:0:0:0:0:2:1   | 2001:db8::2:1",
        "1:0:0:2:0:0:0:3         | 1:0:0:2::3",
        "1:2:3:4:5:6:7:8         | 1:2:3:4:5:6:7:8",
        "1:0:3:4:5:6:7:8         | 1:0:3:4:5:6:7:8",
        "::ffff:1.2.3.4          | ::ffff:1.2.3.4",
        "::FFFF:102:304          | ::ffff:1.2.3.4",
        "::1.2.3.4               | ::102:304",
        "1:2:3:4:5:6:1.2.3.4     | 1:2:3:4:5:6:102:304",
        "fe80::1%eth0            | fe80::1",
        "fe80::1%1               | fe80::1",
    })
    void parsesAndFormatsLikeGo(String text, String formatted) {
        byte[] a = IpAddresses.parse(text);
        assertThat(a).as(text).isNotNull();
        assertThat(IpAddresses.format(a)).isEqualTo(formatted);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " 1.2.3.4", "1.2.3.4 ", "1.2.3", "1.2.3.4.5", "1.2.3.256", "010.0.0.1", "1.2.3.04",
        "00.0.0.1", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4%1", "1.2.3.4:80", "[::1]", "[::1]:80", "::1%",
        "%eth0", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "1::2::3", "12345::1", "1:", ":1", ":::1",
        "::ffff:01.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1.2.3.4::", "localhost", "example.com", "ffff"})
    void refusesWhatGoRefuses(String text) {
        assertThat(IpAddresses.parse(text)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fe80::1%eth0", "::1%1"})
    void configuredAddressesTakeNoZone(String text) {
        assertThat(IpAddresses.parse(text, false)).isNull();
        assertThat(IpAddresses.parse(text, true)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "::ffff:10.1.2.3 | 10.1.2.3",
        "10.1.2.3        | 10.1.2.3",
        "::10.1.2.3      | ::a01:203",
        "2001:db8::1     | 2001:db8::1",
    })
    void unmapsOnlyMappedAddresses(String text, String unmapped) {
        assertThat(IpAddresses.format(IpAddresses.unmap(IpAddresses.parse(text)))).isEqualTo(unmapped);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', value = {
        "10.1.2.3               | 8   | 10.0.0.0",
        "10.1.2.3               | 0   | 0.0.0.0",
        "10.1.2.3               | 32  | 10.1.2.3",
        "10.255.2.3             | 12  | 10.240.0.0",
        "2001:db8:1:2:3:4:5:6   | 64  | 2001:db8:1:2::",
        "::abcd:ffff:c0a8:1     | 80  | ::abcd:0:0:0",
        "::ffff:10.1.2.3        | 120 | ::ffff:10.1.2.0",
    })
    void masksHostBits(String text, int bits, String masked) {
        byte[] a = IpAddresses.parse(text);
        assertThat(IpAddresses.format(IpAddresses.mask(a, bits))).isEqualTo(masked);
        assertThat(IpAddresses.format(a)).as("the input is not changed").isEqualTo(IpAddresses.format(
                IpAddresses.parse(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1:80      | 10.0.0.1",
        "10.0.0.1:        | 10.0.0.1",
        "10.0.0.1         | 10.0.0.1",
        "[::1]:80         | ::1",
        "[fe80::1%eth0]:1 | fe80::1%eth0",
        "::1              | ::1",
        "[::1]            | [::1]",
        "[::1]x:80        | [::1]x:80",
        "[::1]:80]        | [::1]:80]",
        "a[b:80           | a[b:80",
        "garbage          | garbage",
    })
    void stripsPortsAsSplitHostPort(String address, String host) {
        assertThat(IpAddresses.stripPort(address)).isEqualTo(host);
    }
}
