package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPointAddressTest {
    @ParameterizedTest
    @CsvSource(value = {":8080|null|8080", "127.0.0.1:8080|127.0.0.1|8080", "[::1]:8443|::1|8443",
            "0.0.0.0:80/tcp|0.0.0.0|80", "localhost:0|localhost|0", "[::]:443/TCP|::|443"}, delimiter = '|',
            nullValues = "null")
    void parsesTraefikAddresses(String address, String host, int port) {
        assertThat(EntryPointAddress.parse(address)).isEqualTo(new EntryPointAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8080", ":http", ":65536", "::1:80", "[::1]8080", ":80/sctp", ":80/udp", "a b:80", ""})
    void rejectsOthers(String address) {
        assertThatThrownBy(() -> EntryPointAddress.parse(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }
}
