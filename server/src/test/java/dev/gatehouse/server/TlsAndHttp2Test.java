package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.TlsOptionsSpec;
import dev.gatehouse.config.dynamic.TlsSection;
import dev.gatehouse.config.dynamic.TlsStoreSpec;
import dev.gatehouse.core.Flow;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.StreamBody;
import dev.gatehouse.server.internal.GeneratedCertificate;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsAndHttp2Test {
    @TempDir
    Path dir;

    private static String pem(Object o) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }

    private static String pkcs8(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private TlsStore store() throws Exception {
        GeneratedCertificate a = GeneratedCertificate.generate("example.test", "example.test");
        GeneratedCertificate wild = GeneratedCertificate.generate("wild", "*.wild.test");
        Files.writeString(dir.resolve("a.crt"), pem(a.chain()[0]));
        Files.writeString(dir.resolve("a.key"), pkcs8(a.key()));
        TlsSection section = new TlsSection(List.of(
                new CertificateSpec("a.crt", "a.key", null),
                new CertificateSpec(pem(wild.chain()[0]), pkcs8(wild.key()), null),
                new CertificateSpec("missing.crt", "missing.key", null)),
                Map.of(), Map.of());
        TlsStore.Result r = TlsStore.build(section, dir);
        assertThat(r.errors()).singleElement().satisfies(d ->
                assertThat(d.toString()).startsWith("tls.certificates[2]: certFile: cannot read certificate"));
        assertThat(r.store().names()).contains("example.test", "*.wild.test");
        return r.store();
    }

    @Test
    void tlsOnTheSamePortAsPlainHttpWithSniAndAlpn() throws Exception {
        TlsStore store = store();
        try (TestServer s = new TestServer(new dev.gatehouse.config.install.EntryPointSpec("127.0.0.1:0", null,
                null, null), Handlers.echo(), () -> store)) {
            String resolve = "example.test:" + s.port() + ":127.0.0.1";
            Curl.Result h2 = Curl.run("-vk", "--resolve", resolve, "https://example.test:" + s.port() + "/x");
            assertThat(h2.out()).contains("protocol=HTTP/2.0", "secure=true", "h:x-forwarded-proto=https",
                    "authority=example.test:" + s.port());
            assertThat(h2.err()).contains("CN=example.test");

            Curl.Result h1 = Curl.run("-vk", "--http1.1", "--resolve", resolve,
                    "https://example.test:" + s.port() + "/y");
            assertThat(h1.out()).contains("protocol=HTTP/1.1", "secure=true");

            String wildResolve = "a.wild.test:" + s.port() + ":127.0.0.1";
            Curl.Result wild = Curl.run("-vk", "--resolve", wildResolve, "https://a.wild.test:" + s.port() + "/");
            assertThat(wild.err()).contains("CN=wild");

            Curl.Result dflt = Curl.run("-vk", "https://127.0.0.1:" + s.port() + "/");
            assertThat(dflt.err()).contains("TRAEFIK DEFAULT CERT");

            Curl.Result plain = Curl.run(s.url("/plain"));
            assertThat(plain.out()).contains("secure=false", "protocol=HTTP/1.1");
        }
    }

    @Test
    void tls12MinimumByDefault() throws Exception {
        TlsStore store = TlsStore.defaultOnly();
        try (TestServer s = new TestServer(new dev.gatehouse.config.install.EntryPointSpec("127.0.0.1:0", null,
                null, null), Handlers.echo(), () -> store)) {
            Curl.Result old = Curl.run("-k", "--tlsv1.1", "--tls-max", "1.1", "https://127.0.0.1:" + s.port() + "/");
            assertThat(old.exit()).isNotZero();
        }
    }

    @Test
    void sniStrictRefusesUnknownNames() throws Exception {
        TlsSection section = new TlsSection(List.of(), Map.of("default",
                new TlsOptionsSpec("VersionTLS13", null, null, List.of("X25519", "CurveP256"), true, null, null)),
                Map.of("default", new TlsStoreSpec(null)));
        TlsStore.Result r = TlsStore.build(section, dir);
        assertThat(r.errors()).isEmpty();
        try (TestServer s = new TestServer(new dev.gatehouse.config.install.EntryPointSpec("127.0.0.1:0", null,
                null, null), Handlers.echo(), r::store)) {
            assertThat(Curl.run("-k", "https://127.0.0.1:" + s.port() + "/").exit()).isNotZero();
        }
    }

    @Test
    void invalidOptionsAreReportedWhereTheyAre() {
        TlsSection section = new TlsSection(List.of(), Map.of("default",
                new TlsOptionsSpec("VersionTLS99", null, null, null, null, null, null)), Map.of());
        TlsStore.Result r = TlsStore.build(section, dir);
        assertThat(r.errors()).singleElement().satisfies(d ->
                assertThat(d.toString()).contains("tls.options.default: minVersion: unknown TLS version"));
    }

    @Test
    void h2cPriorKnowledgeWithRequestBody() throws Exception {
        try (TestServer s = new TestServer(Handlers.echo())) {
            Curl.Result r = Curl.run("--http2-prior-knowledge", "-d", "payload", s.url("/h2c"));
            assertThat(r.out()).contains("protocol=HTTP/2.0", "path=/h2c", "method=POST", "authority=127.0.0.1:"
                    + s.port()).endsWith("\n\npayload").doesNotContain("x-http2");
        }
    }

    @Test
    void h2ResponseTrailersCross() throws Exception {
        AtomicReference<String> te = new AtomicReference<>();
        try (TestServer s = new TestServer((ctx, req) -> {
            te.set(req.headers().get("te"));
            StreamBody b = new StreamBody(Flow.NONE, -1);
            b.push(Unpooled.copiedBuffer("grpc-ish", StandardCharsets.UTF_8));
            b.end(new DefaultHttpHeaders().set("grpc-status", "0").set("grpc-message", "fine"));
            return HttpResponse.of(200, new DefaultHttpHeaders().set("content-type", "application/grpc"), b);
        })) {
            Curl.Result r = Curl.run("--http2-prior-knowledge", "-H", "TE: trailers", "-D", "-", s.url("/svc"));
            assertThat(r.out()).contains("HTTP/2 200", "grpc-status: 0", "grpc-message: fine", "grpc-ish");
            assertThat(te.get()).isEqualTo("trailers");
        }
    }

    @Test
    void h1ChunkedResponseTrailersCross() throws Exception {
        try (TestServer s = new TestServer((ctx, req) -> {
            StreamBody b = new StreamBody(Flow.NONE, -1);
            b.push(Unpooled.copiedBuffer("data", StandardCharsets.UTF_8));
            b.end(new DefaultHttpHeaders().set("x-checksum", "abc"));
            return HttpResponse.of(200, new DefaultHttpHeaders(), b);
        }); RawClient c = new RawClient(s.port())) {
            String r = c.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").readToClose();
            assertThat(r).contains("transfer-encoding: chunked", "4\r\ndata\r\n", "0\r\nx-checksum: abc\r\n\r\n");
        }
    }
}
