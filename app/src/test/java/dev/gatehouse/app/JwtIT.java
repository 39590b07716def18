package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: jwt, apiKey and authAnyOf in a real gateway, with JWK sets served by real HTTP servers. */
class JwtIT {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String API_KEY = "k-it-5e1d0c9b8a7f6e5d";
    @TempDir
    static Path dir;
    static Backends backends;
    static Backends.Backend backend;
    static JwksHost idp;
    static JwksHost rotatingIdp;
    static JwksHost attacker;
    static Gateway gateway;
    static int port;
    static KeyPair k1;
    static KeyPair k2;
    static KeyPair evil;

    /** A JWK set on a JDK HTTP server, counting requests. */
    static final class JwksHost implements AutoCloseable {
        final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();
        volatile String body;

        JwksHost(JWK... keys) throws Exception {
            serve(keys);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ex -> {
                requests.incrementAndGet();
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            });
            server.start();
        }

        void serve(JWK... keys) {
            body = new JWKSet(List.of(keys)).toString(true);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        k1 = g.generateKeyPair();
        k2 = g.generateKeyPair();
        evil = g.generateKeyPair();
        idp = new JwksHost(jwk(k1, "k1"));
        rotatingIdp = new JwksHost(jwk(k1, "k1"));
        attacker = new JwksHost(jwk(evil, "k1"));
        backends = new Backends();
        backend = backends.whoami("api");
        String digest = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(API_KEY.getBytes(StandardCharsets.UTF_8)));
        String routes = """
                http:
                  routers:
                    jwt:
                      rule: "PathPrefix(`/jwt`)"
                      middlewares: [jwt-auth]
                      service: api
                    hub:
                      rule: "PathPrefix(`/hub`)"
                      middlewares: [hub-jwt]
                      service: api
                    rotate:
                      rule: "PathPrefix(`/rotate`)"
                      middlewares: [jwt-rotate]
                      service: api
                    key:
                      rule: "PathPrefix(`/key`)"
                      middlewares: [key-auth]
                      service: api
                    any:
                      rule: "PathPrefix(`/any`)"
                      middlewares: [any-auth]
                      service: api
                  middlewares:
                    jwt-auth:
                      jwt:
                        jwksUrl: "%s"
                        issuers: ["https://idp.test"]
                        audiences: [orders]
                        forwardHeaders:
                          X-Subject: sub
                    hub-jwt:
                      plugin:
                        jwt:
                          signingSecret: "%s"
                          forwardAuthorization: true
                          claims: "Equals(`grp`, `admin`)"
                    jwt-rotate:
                      jwt:
                        jwksUrl: "%s"
                    key-auth:
                      apiKey:
                        keySource: {header: X-Api-Key}
                        keys:
                          - sha256: "%s"
                            consumer: robot
                    any-auth:
                      authAnyOf:
                        middlewares: [jwt-auth, key-auth]
                  services:
                    api:
                      loadBalancer:
                        servers:
                          - url: "%s"
                """.formatted(idp.url(), SECRET, rotatingIdp.url(), digest, backend.url());
        gateway = TestGateway.start(dir, TestGateway.install(), routes);
        port = gateway.port("web");
        assertThat(gateway.lastErrors()).isEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        TestGateway.closeAll(gateway, backends);
        for (JwksHost h : new JwksHost[] {idp, rotatingIdp, attacker}) {
            if (h != null) {
                h.close();
            }
        }
    }

    private static RSAKey jwk(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).build();
    }

    private static JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().subject("alice").issuer("https://idp.test").audience("orders")
                .issueTime(new Date(now - 1000)).expirationTime(new Date(now + 300_000));
    }

    private static String rs256(JWSHeader header, KeyPair pair, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
        return jwt.serialize();
    }

    private static String rs256(KeyPair pair, String kid, JWTClaimsSet claims) throws Exception {
        return rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), pair, claims);
    }

    private static String b64(String s) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String headerJson, JWTClaimsSet claims, byte[] key) throws Exception {
        String input = b64(headerJson) + "." + b64(claims.toString());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return input + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static HttpResponse<String> get(String path, String... headers) {
        return Http.get("http://127.0.0.1:" + port + path, headers);
    }

    @Test
    void aValidTokenReachesTheBackendWithClaimHeadersAndWithoutTheToken() throws Exception {
        HttpResponse<String> r = get("/jwt/orders", "Authorization", "Bearer " + rs256(k1, "k1", claims().build()),
                "X-Subject", "forged");
        assertThat(r.statusCode()).isEqualTo(200);
        var echo = Http.json(r.body());
        assertThat(Http.seen(echo, "X-Subject")).isEqualTo("alice");
        assertThat(Http.seen(echo, "Authorization")).isNull();
    }

    @Test
    void noTokenIsChallenged() {
        HttpResponse<String> r = get("/jwt/orders");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void everyAttackGets401AndNothingReachesTheBackend() throws Exception {
        long now = System.currentTimeMillis();
        String good = rs256(k1, "k1", claims().build());
        String[] parts = good.split("\\.");
        JWSHeader elsewhere = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .jwkURL(URI.create(attacker.url())).x509CertURL(URI.create(attacker.url()))
                .jwk(jwk(evil, "k1")).x509CertChain(List.of(Base64.encode("x"))).build();
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        attacks.put("HS256 keyed with the JWK", hmac("{\"alg\":\"HS256\",\"kid\":\"k1\"}", claims().build(),
                jwk(k1, "k1").toJSONString().getBytes(StandardCharsets.UTF_8)));
        attacks.put("HS256 keyed with the PEM body", hmac("{\"alg\":\"HS256\",\"kid\":\"k1\"}", claims().build(),
                java.util.Base64.getMimeEncoder().encode(k1.getPublic().getEncoded())));
        attacks.put("expired", rs256(k1, "k1", claims().expirationTime(new Date(now - 1000)).build()));
        attacks.put("nbf in the future", rs256(k1, "k1", claims().notBeforeTime(new Date(now + 60_000)).build()));
        attacks.put("wrong aud", rs256(k1, "k1", claims().audience("billing").build()));
        attacks.put("wrong iss", rs256(k1, "k1", claims().issuer("https://evil.test").build()));
        attacks.put("kid traversal", rs256(k1, "../../etc/passwd", claims().build()));
        attacks.put("kid sql", rs256(k1, "' OR 1=1 --", claims().build()));
        attacks.put("jku/x5u/jwk/x5c elsewhere", rs256(elsewhere, evil, claims().build()));
        attacks.put("oversized", rs256(k1, "k1", claims().claim("pad", "x".repeat(20_000)).build()));
        attacks.put("broken base64", parts[0] + "." + parts[1] + "!." + parts[2]);
        attacks.put("trailing dot", good + ".");
        attacks.put("extra segment", good + ".e30");
        attacks.put("tampered payload", parts[0] + "." + b64(claims().subject("root").build().toString()) + "."
                + parts[2]);
        int before = backend.requests.get();
        for (Map.Entry<String, String> a : attacks.entrySet()) {
            HttpResponse<String> r = get("/jwt/orders", "Authorization", "Bearer " + a.getValue());
            assertThat(r.statusCode()).as(a.getKey()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(a.getKey())
                    .hasValue("Bearer error=\"invalid_token\"");
            assertThat(r.body()).as(a.getKey()).doesNotContain(a.getValue());
        }
        assertThat(backend.requests.get()).as("requests that reached the backend").isEqualTo(before);
        assertThat(attacker.requests.get()).as("requests to URLs named in tokens").isZero();
    }

    @Test
    void aRotatedKeyIsFetchedOnceAndAFloodOfUnknownKidsFetchesNoMore() throws Exception {
        assertThat(get("/rotate", "Authorization", "Bearer " + rs256(k1, "k1", claims().build())).statusCode())
                .isEqualTo(200);
        int afterFirst = rotatingIdp.requests.get();
        rotatingIdp.serve(jwk(k1, "k1"), jwk(k2, "k2"));
        assertThat(get("/rotate", "Authorization", "Bearer " + rs256(k2, "k2", claims().build())).statusCode())
                .isEqualTo(200);
        assertThat(rotatingIdp.requests.get()).isEqualTo(afterFirst + 1);
        for (int i = 0; i < 40; i++) {
            assertThat(get("/rotate", "Authorization", "Bearer " + rs256(k2, "flood-" + i, claims().build()))
                    .statusCode()).isEqualTo(401);
        }
        assertThat(rotatingIdp.requests.get()).as("no refetch within 30 s of the last").isEqualTo(afterFirst + 1);
    }

    @Test
    void hubPluginSpellingWithAClaimsCheckWorks() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().claim("grp", "admin").build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = get("/hub", "Authorization", "Bearer " + jwt.serialize());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.seen(Http.json(r.body()), "Authorization")).isEqualTo("Bearer " + jwt.serialize());

        SignedJWT dev = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().claim("grp", "dev").build());
        dev.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        int before = backend.requests.get();
        HttpResponse<String> denied = get("/hub", "Authorization", "Bearer " + dev.serialize());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
        assertThat(backend.requests.get()).isEqualTo(before);
    }

    @Test
    void apiKeyIsCheckedAndNotForwarded() {
        HttpResponse<String> ok = get("/key", "X-Api-Key", API_KEY);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Http.seen(Http.json(ok.body()), "X-Api-Key")).isNull();
        HttpResponse<String> bad = get("/key", "X-Api-Key", "nope");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).doesNotContain("nope");
    }

    @Test
    void authAnyOfAcceptsEitherCredential() throws Exception {
        assertThat(get("/any", "X-Api-Key", API_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/any", "Authorization", "Bearer " + rs256(k1, "k1", claims().build())).statusCode())
                .isEqualTo(200);
        HttpResponse<String> none = get("/any");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }
}
