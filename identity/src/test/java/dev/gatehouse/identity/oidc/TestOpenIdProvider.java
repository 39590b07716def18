package dev.gatehouse.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenID provider for tests, on a JDK {@link HttpServer} on a free loopback port: discovery, JWKS, an
 * authorize endpoint that approves at once and redirects with a code, a token endpoint that checks client
 * authentication and the PKCE verifier and issues RS256 ID tokens and rotating refresh tokens, end_session,
 * and an RFC 7662 introspection endpoint.
 */
public final class TestOpenIdProvider implements AutoCloseable {
    /** The client the provider knows. */
    public static final String CLIENT_ID = "gatehouse";
    /** Its secret. */
    public static final String CLIENT_SECRET = "s3cret:&=";

    private record Grant(String redirectUri, String nonce, String challenge, String subject) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> activeTokens = new ConcurrentHashMap<>();
    /** Calls per endpoint. */
    public final AtomicInteger discoveryCalls = new AtomicInteger();
    public final AtomicInteger tokenCalls = new AtomicInteger();
    public final AtomicInteger refreshCalls = new AtomicInteger();
    public final AtomicInteger introspectionCalls = new AtomicInteger();
    public final AtomicInteger endSessionCalls = new AtomicInteger();
    /** The access lifetime ({@code expires_in} and the ID token's {@code exp}), seconds. */
    public volatile int accessLifetime = 300;
    /** When set, ID tokens carry this nonce instead of the login's. */
    public volatile String forcedNonce;
    /** When set, ID tokens are signed with this key instead of the published one. */
    public volatile RSAKey rogueKey;
    /** When not 0, the introspection endpoint answers this status. */
    public volatile int introspectionStatus;
    /** When set, introspection calls wait for it (to test that concurrent requests share one call). */
    public volatile CountDownLatch introspectionGate;
    /** The groups put into ID tokens. */
    public volatile List<String> groups = List.of("admins", "dev");
    /** The last end_session query, decoded. */
    public volatile Map<String, String> lastEndSession = Map.of();

    private TestOpenIdProvider(HttpServer server) throws JOSEException {
        this.server = server;
        this.key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server.setExecutor(executor);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", ex -> json(ex, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/end_session", this::endSession);
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    /**
     * Starts a provider on a free loopback port.
     *
     * @return the running provider
     */
    public static TestOpenIdProvider start() {
        try {
            return new TestOpenIdProvider(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the issuer URL */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return a key pair the provider does not publish */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("rogue").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes a token active at the introspection endpoint.
     *
     * @param token  the token
     * @param claims the answer's members besides {@code active}
     */
    public void activate(String token, Map<String, Object> claims) {
        activeTokens.put(token, claims);
    }

    private void discovery(HttpExchange ex) throws IOException {
        discoveryCalls.incrementAndGet();
        String base = issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", base);
        doc.put("authorization_endpoint", base + "/authorize");
        doc.put("token_endpoint", base + "/token");
        doc.put("jwks_uri", base + "/jwks");
        doc.put("end_session_endpoint", base + "/end_session");
        doc.put("introspection_endpoint", base + "/introspect");
        doc.put("code_challenge_methods_supported", List.of("S256"));
        json(ex, 200, doc);
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
                || q.get("redirect_uri") == null || !q.getOrDefault("scope", "").contains("openid")) {
            json(ex, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(q.get("redirect_uri"), q.get("nonce"), q.get("code_challenge"), "alice"));
        String location = q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state"));
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        tokenCalls.incrementAndGet();
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!clientAuthenticated(ex, f)) {
            json(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        if ("authorization_code".equals(f.get("grant_type"))) {
            Grant g = codes.remove(f.getOrDefault("code", ""));
            if (g == null || !g.redirectUri().equals(f.get("redirect_uri"))
                    || g.challenge() != null && !g.challenge().equals(s256(f.get("code_verifier")))) {
                json(ex, 400, Map.of("error", "invalid_grant"));
                return;
            }
            json(ex, 200, tokens(g.subject(), g.nonce()));
        } else if ("refresh_token".equals(f.get("grant_type"))) {
            refreshCalls.incrementAndGet();
            String subject = refreshTokens.remove(f.getOrDefault("refresh_token", ""));
            if (subject == null) {
                json(ex, 400, Map.of("error", "invalid_grant"));
                return;
            }
            json(ex, 200, tokens(subject, null));
        } else {
            json(ex, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private Map<String, Object> tokens(String subject, String nonce) {
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID).subject(subject)
                .issueTime(new Date(now)).expirationTime(new Date(now + accessLifetime * 1000L))
                .claim("groups", groups).claim("scope", "openid profile").claim("email", subject + "@example.com");
        String n = forcedNonce != null ? forcedNonce : nonce;
        if (n != null) {
            c.claim("nonce", n);
        }
        RSAKey signing = rogueKey != null ? rogueKey : key;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                c.build());
        try {
            jwt.sign(new RSASSASigner(signing));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String refresh = UUID.randomUUID().toString();
        refreshTokens.put(refresh, subject);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", UUID.randomUUID().toString());
        out.put("token_type", "Bearer");
        out.put("expires_in", accessLifetime);
        out.put("refresh_token", refresh);
        out.put("id_token", jwt.serialize());
        return out;
    }

    private void endSession(HttpExchange ex) throws IOException {
        endSessionCalls.incrementAndGet();
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        lastEndSession = q;
        String after = q.get("post_logout_redirect_uri");
        if (after != null) {
            ex.getResponseHeaders().set("Location", after);
            ex.sendResponseHeaders(302, -1);
            ex.close();
        } else {
            json(ex, 200, Map.of("logged_out", true));
        }
    }

    private void introspect(HttpExchange ex) throws IOException {
        introspectionCalls.incrementAndGet();
        CountDownLatch gate = introspectionGate;
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (introspectionStatus != 0) {
            json(ex, introspectionStatus, Map.of("error", "server_error"));
            return;
        }
        if (!clientAuthenticated(ex, f)) {
            json(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        Map<String, Object> claims = activeTokens.get(f.getOrDefault("token", ""));
        if (claims == null) {
            json(ex, 200, Map.of("active", false));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", true);
        out.putAll(claims);
        json(ex, 200, out);
    }

    private static boolean clientAuthenticated(HttpExchange ex, Map<String, String> form) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && CLIENT_ID.equals(dec(decoded.substring(0, colon)))
                    && CLIENT_SECRET.equals(dec(decoded.substring(colon + 1)));
        }
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static void json(HttpExchange ex, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
