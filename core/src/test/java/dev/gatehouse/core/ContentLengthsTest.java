package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentLengthsTest {
    @Test
    void digitsOnlyUpToEighteen() {
        assertThat(ContentLengths.parse("0")).isZero();
        assertThat(ContentLengths.parse("1024")).isEqualTo(1024);
        assertThat(ContentLengths.parse("007")).isEqualTo(7);
        assertThat(ContentLengths.parse("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
        for (String bad : new String[] {"", "-1", "+1", " 1", "1 ", "1,2", "0x10", "9999999999999999999"}) {
            assertThat(ContentLengths.parse(bad)).as(bad).isEqualTo(-1);
        }
        assertThat(ContentLengths.parse(null)).isEqualTo(-1);
    }
}
