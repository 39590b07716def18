package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void autoTakesTheFirstAvailableOfIoUringEpollNio() {
        Transport expected = Transport.IO_URING.available() ? Transport.IO_URING
                : Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
        assertThat(Transport.auto()).isEqualTo(expected);
        assertThat(Transport.choose(null)).isEqualTo(expected);
        assertThat(Transport.choose(" ")).isEqualTo(expected);
        assertThat(Transport.choose("AUTO")).isEqualTo(expected);
    }

    @Test
    void aNamedTransportIsTakenWhateverItsCase() {
        assertThat(Transport.choose("nio")).isEqualTo(Transport.NIO);
        assertThat(Transport.choose(" NIO ")).isEqualTo(Transport.NIO);
        for (Transport t : Transport.values()) {
            if (t.available()) {
                assertThat(Transport.choose(t.id().toUpperCase(java.util.Locale.ROOT))).isEqualTo(t);
            } else {
                assertThatThrownBy(() -> Transport.choose(t.id()))
                        .hasMessageContaining("this machine cannot run " + t.id());
            }
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Transport.choose("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dgatehouse.transport=kqueue: expected one of auto, io_uring, epoll, nio");
    }

    @Test
    void eachTransportBringsItsOwnChannelClasses() {
        assertThat(Transport.IO_URING.socketChannel().getPackageName()).isEqualTo("io.netty.channel.uring");
        assertThat(Transport.EPOLL.socketChannel().getPackageName()).isEqualTo("io.netty.channel.epoll");
        assertThat(Transport.NIO.socketChannel().getPackageName()).isEqualTo("io.netty.channel.socket.nio");
        assertThat(Transport.NIO.serverSocketChannel().getPackageName()).isEqualTo("io.netty.channel.socket.nio");
    }
}
