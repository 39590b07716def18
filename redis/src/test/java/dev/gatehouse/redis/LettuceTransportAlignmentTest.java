package dev.gatehouse.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lettuce is told which native transport the offered loops use; an operator's own Lettuce setting is kept. */
class LettuceTransportAlignmentTest {
    private static final String EPOLL = "io.lettuce.core.epoll";
    private static final String IO_URING = "io.lettuce.core.iouring";

    @AfterEach
    void clear() {
        System.clearProperty(EPOLL);
        System.clearProperty(IO_URING);
    }

    @Test
    void followsTheLoopsTransportAndKeepsTheOperatorsChoice() {
        clear();
        System.setProperty(EPOLL, "true");
        RedisEventLoops.alignLettuce(IoUringSocketChannel.class);
        assertThat(System.getProperty(EPOLL)).as("the operator's").isEqualTo("true");
        assertThat(System.getProperty(IO_URING)).isEqualTo("true");

        System.clearProperty(EPOLL);
        RedisEventLoops.alignLettuce(EpollSocketChannel.class);
        assertThat(System.getProperty(EPOLL)).isEqualTo("true");
        assertThat(System.getProperty(IO_URING)).as("set here before, so it follows").isEqualTo("false");

        RedisEventLoops.alignLettuce(IoUringSocketChannel.class);
        assertThat(System.getProperty(EPOLL)).isEqualTo("false");
        assertThat(System.getProperty(IO_URING)).isEqualTo("true");

        RedisEventLoops.alignLettuce(NioSocketChannel.class);
        assertThat(System.getProperty(EPOLL)).as("NIO loops leave Lettuce's pick alone").isEqualTo("false");
        assertThat(System.getProperty(IO_URING)).isEqualTo("true");
    }
}
