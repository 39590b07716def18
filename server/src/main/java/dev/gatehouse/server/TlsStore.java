package dev.gatehouse.server;

import dev.gatehouse.config.Diagnostic;
import dev.gatehouse.config.dynamic.CertificateSpec;
import dev.gatehouse.config.dynamic.TlsOptionsSpec;
import dev.gatehouse.config.dynamic.TlsSection;
import dev.gatehouse.config.dynamic.TlsStoreSpec;
import dev.gatehouse.server.internal.GeneratedCertificate;
import dev.gatehouse.server.internal.PemMaterial;
import dev.gatehouse.server.internal.TlsContextFactory;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The certificates an entry point serves, chosen by SNI. Immutable: a config reload builds a new store and the
 * listeners read the current one at each handshake.
 *
 * <pre>
 *  SNI name ─▶ exact name (from SANs and CN) ─▶ wildcard *.parent ─▶ default certificate
 *                                                                   (tls.stores.default.defaultCertificate,
 *                                                                    else a self-signed one made at start)
 * </pre>
 *
 * <p>Every context uses {@code tls.options.default} (Traefik's defaults when absent). Per-router TLS options are
 * not applied at the handshake.
 */
public final class TlsStore {
    private final Map<String, SslContext> byName;
    private final SslContext defaultContext;
    private final boolean sniStrict;

    private TlsStore(Map<String, SslContext> byName, SslContext defaultContext, boolean sniStrict) {
        this.byName = byName;
        this.defaultContext = defaultContext;
        this.sniStrict = sniStrict;
    }

    /**
     * The outcome of {@link #build}: a store made of everything valid, and an error for each invalid element.
     *
     * @param store  the store
     * @param errors the errors, empty when all went well
     */
    public record Result(TlsStore store, List<Diagnostic> errors) {
    }

    /**
     * Builds a store. Blocking (file reads, key parsing): call it off the event loops.
     *
     * @param tls     the {@code tls:} section, or null
     * @param baseDir the directory relative certificate paths resolve against
     * @return the store and the errors of the elements left out
     */
    public static Result build(TlsSection tls, Path baseDir) {
        List<Diagnostic> errors = new ArrayList<>();
        TlsSection t = tls != null ? tls : TlsSection.empty();
        TlsOptionsSpec opts = t.options() == null ? null : t.options().get("default");
        TlsContextFactory factory;
        try {
            factory = TlsContextFactory.of(opts, baseDir);
        } catch (IllegalArgumentException e) {
            errors.add(error("tls.options.default", e.getMessage()));
            factory = TlsContextFactory.defaults();
        }
        Map<String, SslContext> byName = new HashMap<>();
        List<CertificateSpec> certs = t.certificates() == null ? List.of() : t.certificates();
        for (int i = 0; i < certs.size(); i++) {
            String where = "tls.certificates[" + i + "]";
            try {
                Loaded l = load(certs.get(i), baseDir);
                SslContext ctx = factory.build(l.key, l.chain);
                for (String name : namesOf(l.chain[0])) {
                    byName.putIfAbsent(name, ctx);
                }
            } catch (Exception e) {
                errors.add(error(where, e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        SslContext dflt = null;
        TlsStoreSpec store = t.stores() == null ? null : t.stores().get("default");
        if (store != null && store.defaultCertificate() != null) {
            try {
                Loaded l = load(store.defaultCertificate(), baseDir);
                dflt = factory.build(l.key, l.chain);
            } catch (Exception e) {
                errors.add(error("tls.stores.default.defaultCertificate", e.getMessage()));
            }
        }
        if (dflt == null) {
            try {
                GeneratedCertificate g = GeneratedCertificate.get();
                dflt = factory.build(g.key(), g.chain());
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the default TLS certificate", e);
            }
        }
        return new Result(new TlsStore(Collections.unmodifiableMap(byName), dflt, factory.sniStrict()),
                List.copyOf(errors));
    }

    /** @return a store with only the generated default certificate and default options */
    public static TlsStore defaultOnly() {
        return build(null, null).store();
    }

    /**
     * Chooses the certificate for a handshake.
     *
     * @param serverName the SNI name, or null when the client sent none
     * @return the context
     * @throws IllegalStateException when {@code sniStrict} is set and no certificate matches (the handshake fails)
     */
    public SslContext contextFor(String serverName) {
        if (serverName != null && !serverName.isEmpty()) {
            String n = serverName.toLowerCase(Locale.ROOT);
            if (n.endsWith(".")) {
                n = n.substring(0, n.length() - 1);
            }
            SslContext c = byName.get(n);
            if (c != null) {
                return c;
            }
            int dot = n.indexOf('.');
            if (dot > 0) {
                c = byName.get("*" + n.substring(dot));
                if (c != null) {
                    return c;
                }
            }
        }
        if (sniStrict) {
            throw new IllegalStateException("no certificate for server name \"" + serverName + "\" (sniStrict)");
        }
        return defaultContext;
    }

    /** @return the names that have a certificate, exact and wildcard */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    private record Loaded(PrivateKey key, X509Certificate[] chain) {
    }

    private static Loaded load(CertificateSpec spec, Path baseDir) throws Exception {
        if (spec.certFile() == null || spec.certFile().isBlank()) {
            throw new IllegalArgumentException("certFile is missing");
        }
        if (spec.keyFile() == null || spec.keyFile().isBlank()) {
            throw new IllegalArgumentException("keyFile is missing");
        }
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = PemMaterial.certificates(PemMaterial.text(spec.certFile(), baseDir));
        } catch (Exception e) {
            throw new IllegalArgumentException("certFile: cannot read certificate: " + e.getMessage(), e);
        }
        try {
            key = PemMaterial.privateKey(PemMaterial.text(spec.keyFile(), baseDir));
        } catch (Exception e) {
            throw new IllegalArgumentException("keyFile: cannot read private key: " + e.getMessage(), e);
        }
        return new Loaded(key, chain.toArray(X509Certificate[]::new));
    }

    /** The names a certificate serves: its DNS and IP SANs, and its subject CN. */
    static List<String> namesOf(X509Certificate cert) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        var sans = cert.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == 2 || type == 7) {
                    names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    String cn = rdn.getValue().toString().toLowerCase(Locale.ROOT);
                    if (!names.contains(cn)) {
                        names.add(cn);
                    }
                }
            }
        } catch (Exception ignored) {
            // A subject we cannot parse contributes no name; the SANs still count.
        }
        return names;
    }

    private static Diagnostic error(String keyPath, String message) {
        return new Diagnostic("", 0, 0, keyPath, message);
    }
}
