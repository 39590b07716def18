package dev.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real gRPC server behind an {@code h2c://} server URL, called with gRPC-framed requests. */
class GrpcUpstreamTest {
    private final Harness h = new Harness();
    private Server grpc;
    private ServiceSet set;

    @BeforeEach
    void start() throws Exception {
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new SimpleServiceGrpc.SimpleServiceImplBase() {
                    @Override
                    public void unaryRpc(SimpleRequest req, StreamObserver<SimpleResponse> out) {
                        if (req.getRequestMessage().equals("fail")) {
                            out.onError(Status.INVALID_ARGUMENT.withDescription("bad input").asRuntimeException());
                            return;
                        }
                        out.onNext(reply("hello " + req.getRequestMessage()));
                        out.onCompleted();
                    }

                    @Override
                    public void serverStreamingRpc(SimpleRequest req, StreamObserver<SimpleResponse> out) {
                        for (int i = 1; i <= 3; i++) {
                            out.onNext(reply(req.getRequestMessage() + " " + i));
                        }
                        out.onCompleted();
                    }
                }).build().start();
        set = h.build(Map.of("s@file", Harness.lb("h2c://127.0.0.1:" + grpc.getPort())), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
        grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static SimpleResponse reply(String text) {
        return SimpleResponse.newBuilder().setResponseMessage(text).build();
    }

    private static HttpRequest call(String method, String message) {
        byte[] msg = SimpleRequest.newBuilder().setRequestMessage(message).build().toByteArray();
        ByteBuffer framed = ByteBuffer.allocate(5 + msg.length).put((byte) 0).putInt(msg.length).put(msg);
        HttpRequest req = Harness.request(HttpMethod.POST, "/grpc.testing.SimpleService/" + method,
                Body.of(framed.array()));
        req.headers().set("content-type", "application/grpc");
        req.headers().set("te", "trailers");
        return req;
    }

    private static List<String> messages(byte[] body) throws Exception {
        List<String> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
            assertThat(b.get()).as("compressed flag").isZero();
            byte[] m = new byte[b.getInt()];
            b.get(m);
            out.add(SimpleResponse.parseFrom(m).getResponseMessage());
        }
        return out;
    }

    @Test
    void unaryCallEndsWithGrpcStatusInTrailers() throws Exception {
        Harness.Result r = h.fetch(set.handler("s@file"), call("UnaryRpc", "gateway"));
        assertThat(r.error).isNull();
        assertThat(r.status).isEqualTo(200);
        assertThat(r.headers.get("content-type")).startsWith("application/grpc");
        assertThat(messages(r.body.toByteArray())).containsExactly("hello gateway");
        assertThat(r.trailers.get("grpc-status")).isEqualTo("0");
    }

    @Test
    void serverStreamingDeliversEveryMessage() throws Exception {
        Harness.Result r = h.fetch(set.handler("s@file"), call("ServerStreamingRpc", "tick"));
        assertThat(messages(r.body.toByteArray())).containsExactly("tick 1", "tick 2", "tick 3");
        assertThat(r.trailers.get("grpc-status")).isEqualTo("0");
    }

    @Test
    void errorStatusArrivesAsTrailersOnly() {
        Harness.Result r = h.fetch(set.handler("s@file"), call("UnaryRpc", "fail"));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body.size()).isZero();
        // A trailers-only answer: one HEADERS frame, so grpc-status sits in the response head.
        assertThat(r.headers.get("grpc-status")).isEqualTo(String.valueOf(Status.Code.INVALID_ARGUMENT.value()));
        assertThat(r.headers.get("grpc-message")).isEqualTo("bad input");
    }
}
