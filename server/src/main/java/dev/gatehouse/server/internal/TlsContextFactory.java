package dev.gatehouse.server.internal;

import dev.gatehouse.config.dynamic.TlsOptionsSpec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Compiled {@code tls.options}: builds server {@link SslContext}s for certificates. Defaults are Traefik's: TLS 1.2
 * minimum, modern AEAD cipher suites with forward secrecy only, ALPN {@code h2} then {@code http/1.1}.
 */
public final class TlsContextFactory {
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    private static final List<String> MODERN_TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final Map<String, String> VERSIONS = Map.of("VersionTLS10", "TLSv1", "VersionTLS11", "TLSv1.1",
            "VersionTLS12", "TLSv1.2", "VersionTLS13", "TLSv1.3");
    private static final List<String> VERSION_ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final Map<String, String> CURVES = Map.of("CurveP256", "P-256", "CurveP384", "P-384",
            "CurveP521", "P-521", "X25519", "X25519", "secp256r1", "P-256", "secp384r1", "P-384",
            "secp521r1", "P-521", "x25519", "X25519");

    private final List<String> protocols;
    private final List<String> ciphers;
    private final List<String> alpn;
    private final String[] groups;
    private final ClientAuth clientAuth;
    private final List<X509Certificate> clientCas;
    private final boolean sniStrict;

    private TlsContextFactory(List<String> protocols, List<String> ciphers, List<String> alpn, String[] groups,
                              ClientAuth clientAuth, List<X509Certificate> clientCas, boolean sniStrict) {
        this.protocols = protocols;
        this.ciphers = ciphers;
        this.alpn = alpn;
        this.groups = groups;
        this.clientAuth = clientAuth;
        this.clientCas = clientCas;
        this.sniStrict = sniStrict;
    }

    /** @return the defaults, for when {@code tls.options.default} is absent */
    public static TlsContextFactory defaults() {
        return of(null, null);
    }

    /**
     * @param spec    the options, or null for the defaults
     * @param baseDir where relative CA file paths resolve
     * @return the factory
     * @throws IllegalArgumentException with the offending field and value
     */
    public static TlsContextFactory of(TlsOptionsSpec spec, Path baseDir) {
        TlsOptionsSpec s = spec != null ? spec : new TlsOptionsSpec(null, null, null, null, null, null, null);
        String min = version(s.minVersion(), "VersionTLS12", "minVersion");
        String max = version(s.maxVersion(), "VersionTLS13", "maxVersion");
        int lo = VERSION_ORDER.indexOf(min);
        int hi = VERSION_ORDER.indexOf(max);
        if (lo > hi) {
            throw new IllegalArgumentException("minVersion: " + s.minVersion() + " is above maxVersion " + s.maxVersion());
        }
        List<String> protocols = VERSION_ORDER.subList(lo, hi + 1);
        List<String> ciphers = new ArrayList<>(TLS13_SUITES);
        if (s.cipherSuites() == null || s.cipherSuites().isEmpty()) {
            ciphers.addAll(MODERN_TLS12_SUITES);
        } else {
            for (String c : s.cipherSuites()) {
                // Go names the ChaCha20 suites without the _SHA256 suffix the IANA names carry.
                ciphers.add(c.endsWith("_CHACHA20_POLY1305") ? c + "_SHA256" : c);
            }
        }
        List<String> alpn = s.alpnProtocols() == null || s.alpnProtocols().isEmpty()
                ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1) : s.alpnProtocols();
        String[] groups = null;
        if (s.curvePreferences() != null && !s.curvePreferences().isEmpty()) {
            groups = new String[s.curvePreferences().size()];
            for (int i = 0; i < groups.length; i++) {
                String g = CURVES.get(s.curvePreferences().get(i));
                if (g == null) {
                    throw new IllegalArgumentException("curvePreferences: unknown curve \"" + s.curvePreferences().get(i)
                            + "\" (expected one of CurveP256, CurveP384, CurveP521, X25519)");
                }
                groups[i] = g;
            }
        }
        ClientAuth auth = ClientAuth.NONE;
        List<X509Certificate> cas = List.of();
        if (s.clientAuth() != null) {
            String type = s.clientAuth().clientAuthType() == null ? "NoClientCert" : s.clientAuth().clientAuthType();
            auth = switch (type) {
                case "NoClientCert" -> ClientAuth.NONE;
                case "RequestClientCert", "VerifyClientCertIfGiven" -> ClientAuth.OPTIONAL;
                case "RequireAnyClientCert", "RequireAndVerifyClientCert" -> ClientAuth.REQUIRE;
                default -> throw new IllegalArgumentException("clientAuth.clientAuthType: unknown type \"" + type
                        + "\" (expected NoClientCert, RequestClientCert, RequireAnyClientCert, "
                        + "VerifyClientCertIfGiven or RequireAndVerifyClientCert)");
            };
            boolean verify = type.startsWith("Verify") || type.startsWith("RequireAndVerify");
            if (verify) {
                cas = loadCas(s.clientAuth().caFiles(), baseDir);
                if (cas.isEmpty()) {
                    throw new IllegalArgumentException("clientAuth.caFiles: " + type + " needs at least one CA");
                }
            }
        }
        return new TlsContextFactory(protocols, ciphers, alpn, groups, auth, cas,
                Boolean.TRUE.equals(s.sniStrict()));
    }

    private static String version(String v, String dflt, String field) {
        String p = VERSIONS.get(v == null || v.isBlank() ? dflt : v);
        if (p == null) {
            throw new IllegalArgumentException(field + ": unknown TLS version \"" + v
                    + "\" (expected VersionTLS10, VersionTLS11, VersionTLS12 or VersionTLS13)");
        }
        return p;
    }

    private static List<X509Certificate> loadCas(List<String> files, Path baseDir) {
        List<X509Certificate> out = new ArrayList<>();
        if (files == null) {
            return out;
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                out.addAll(PemMaterial.certificates(PemMaterial.text(files.get(i), baseDir)));
            } catch (Exception e) {
                throw new IllegalArgumentException("clientAuth.caFiles[" + i + "]: cannot read CA: " + e.getMessage());
            }
        }
        return out;
    }

    /** @return true when a handshake without a matching SNI name must fail */
    public boolean sniStrict() {
        return sniStrict;
    }

    /**
     * @param key   the private key
     * @param chain the certificate chain, leaf first
     * @return a server context with these options
     * @throws SSLException when the key, chain or options are rejected
     */
    public SslContext build(PrivateKey key, X509Certificate[] chain) throws SSLException {
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContextBuilder b = SslContextBuilder.forServer(key, chain)
                .sslProvider(provider)
                .protocols(protocols)
                .ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE)
                .clientAuth(clientAuth)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        if (clientAuth != ClientAuth.NONE) {
            if (clientCas.isEmpty()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else {
                b.trustManager(clientCas);
            }
        }
        if (groups != null && provider == SslProvider.OPENSSL) {
            b.option(OpenSslContextOption.GROUPS, groups);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "TlsContextFactory" + protocols + ciphers.size() + " ciphers, alpn " + alpn + ", clientAuth "
                + clientAuth.name().toLowerCase(Locale.ROOT);
    }
}
