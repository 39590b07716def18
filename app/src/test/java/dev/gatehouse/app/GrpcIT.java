package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.protobuf.SimpleRequest;
import io.grpc.testing.protobuf.SimpleResponse;
import io.grpc.testing.protobuf.SimpleServiceGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC through the gateway: a grpc-java client calls a grpc-java server behind an {@code h2c://} server URL,
 * over cleartext HTTP/2 and over TLS with ALPN. Unary, server streaming, client streaming and an error
 * status (which travels in trailers) must all cross unchanged.
 */
class GrpcIT {
    @TempDir
    static Path dir;
    static Server grpc;
    static Gateway gateway;
    static ManagedChannel plain;
    static ManagedChannel tls;

    @BeforeAll
    static void start() throws Exception {
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new Echo()).build().start();
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "grpc.test");
        String routes = """
                http:
                  routers:
                    grpc:
                      rule: "PathPrefix(`/grpc.testing.SimpleService/`)"
                      service: grpc
                    grpc-tls:
                      rule: "Host(`grpc.test`) && PathPrefix(`/grpc.testing.SimpleService/`)"
                      tls: {}
                      service: grpc
                  services:
                    grpc:
                      loadBalancer:
                        servers: [{url: "h2c://127.0.0.1:%d"}]
                tls:
                  certificates:
                    - certFile: "%s"
                      keyFile: "%s"
                """.formatted(grpc.getPort(), cert.certFile(), cert.keyFile());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        assertThat(gateway.lastErrors()).isEmpty();
        int port = gateway.port("web");
        plain = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        tls = NettyChannelBuilder.forAddress("127.0.0.1", port).overrideAuthority("grpc.test")
                .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        for (ManagedChannel c : new ManagedChannel[] {plain, tls}) {
            if (c != null) {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        if (gateway != null) {
            gateway.close();
        }
        if (grpc != null) {
            grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static SimpleRequest req(String text) {
        return SimpleRequest.newBuilder().setRequestMessage(text).build();
    }

    @Test
    void unaryOverCleartextHttp2() {
        SimpleResponse r = SimpleServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
                .unaryRpc(req("plain"));
        assertThat(r.getResponseMessage()).isEqualTo("hello plain");
    }

    @Test
    void unaryAndStreamingOverTls() {
        var stub = SimpleServiceGrpc.newBlockingStub(tls).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(stub.unaryRpc(req("tls")).getResponseMessage()).isEqualTo("hello tls");
        List<String> got = new ArrayList<>();
        stub.serverStreamingRpc(req("tick")).forEachRemaining(m -> got.add(m.getResponseMessage()));
        assertThat(got).containsExactly("tick 1", "tick 2", "tick 3");
    }

    @Test
    void clientStreamingCollectsEveryMessage() throws Exception {
        var done = new java.util.concurrent.CompletableFuture<String>();
        StreamObserver<SimpleRequest> up = SimpleServiceGrpc.newStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS)
                .clientStreamingRpc(new StreamObserver<>() {
                    @Override
                    public void onNext(SimpleResponse value) {
                        done.complete(value.getResponseMessage());
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete("(no message)");
                    }
                });
        for (int i = 1; i <= 4; i++) {
            up.onNext(req("m" + i));
        }
        up.onCompleted();
        assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo("m1+m2+m3+m4");
    }

    @Test
    void errorStatusReachesTheClient() {
        var stub = SimpleServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> stub.unaryRpc(req("fail")))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> {
                    Status s = ((StatusRuntimeException) e).getStatus();
                    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(s.getDescription()).isEqualTo("bad input");
                });
    }

    /** Echoes: unary says hello, streaming counts to three, client streaming joins what it got. */
    static final class Echo extends SimpleServiceGrpc.SimpleServiceImplBase {
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

        @Override
        public StreamObserver<SimpleRequest> clientStreamingRpc(StreamObserver<SimpleResponse> out) {
            List<String> got = new ArrayList<>();
            return new StreamObserver<>() {
                @Override
                public void onNext(SimpleRequest value) {
                    got.add(value.getRequestMessage());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onNext(reply(String.join("+", got)));
                    out.onCompleted();
                }
            };
        }

        private static SimpleResponse reply(String text) {
            return SimpleResponse.newBuilder().setResponseMessage(text).build();
        }
    }
}
