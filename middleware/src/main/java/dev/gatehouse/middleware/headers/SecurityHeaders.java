package dev.gatehouse.middleware.headers;

import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The security-header part of {@code headers}, precomputed, with unrolled/secure's rules (which Traefik uses):
 * an allowed-hosts check before the service, then response headers that replace what the service sent. STS and
 * HPKP go out only over HTTPS (or with {@code forceSTSHeader}), and {@code isDevelopment} turns off the host
 * check, STS and HPKP.
 */
final class SecurityHeaders {
    private final boolean enabled;
    private final String[] allowedHosts;
    private final String[] hostsProxyHeaders;
    private final String[] sslProxyNames;
    private final String[] sslProxyValues;
    private final String sts;
    private final boolean forceSts;
    private final String publicKey;
    private final String[] names;
    private final String[] values;

    SecurityHeaders(HeadersSpec s) {
        boolean dev = Boolean.TRUE.equals(s.isDevelopment());
        List<String> hosts = s.allowedHosts() == null ? List.of() : s.allowedHosts();
        List<String> proxyHosts = s.hostsProxyHeaders() == null ? List.of() : s.hostsProxyHeaders();
        Map<String, String> sslProxy = s.sslProxyHeaders() == null ? Map.of() : s.sslProxyHeaders();
        long stsSeconds = s.stsSeconds() == null ? 0 : s.stsSeconds();
        this.allowedHosts = dev || hosts.isEmpty() ? null : hosts.toArray(String[]::new);
        this.hostsProxyHeaders = proxyHosts.toArray(String[]::new);
        this.sslProxyNames = sslProxy.keySet().toArray(String[]::new);
        this.sslProxyValues = sslProxy.values().toArray(String[]::new);
        this.forceSts = Boolean.TRUE.equals(s.forceSTSHeader());
        String stsValue = null;
        if (stsSeconds != 0 && !dev) {
            stsValue = "max-age=" + stsSeconds
                    + (Boolean.TRUE.equals(s.stsIncludeSubdomains()) ? "; includeSubDomains" : "")
                    + (Boolean.TRUE.equals(s.stsPreload()) ? "; preload" : "");
        }
        this.sts = stsValue;
        this.publicKey = dev || isEmpty(s.publicKey()) ? null : s.publicKey();

        List<String[]> fixed = new ArrayList<>();
        if (!isEmpty(s.customFrameOptionsValue())) {
            fixed.add(new String[] {"X-Frame-Options", s.customFrameOptionsValue()});
        } else if (Boolean.TRUE.equals(s.frameDeny())) {
            fixed.add(new String[] {"X-Frame-Options", "DENY"});
        }
        if (Boolean.TRUE.equals(s.contentTypeNosniff())) {
            fixed.add(new String[] {"X-Content-Type-Options", "nosniff"});
        }
        if (!isEmpty(s.customBrowserXSSValue())) {
            fixed.add(new String[] {"X-XSS-Protection", s.customBrowserXSSValue()});
        } else if (Boolean.TRUE.equals(s.browserXssFilter())) {
            fixed.add(new String[] {"X-XSS-Protection", "1; mode=block"});
        }
        addIfSet(fixed, "Content-Security-Policy", s.contentSecurityPolicy());
        addIfSet(fixed, "Content-Security-Policy-Report-Only", s.contentSecurityPolicyReportOnly());
        addIfSet(fixed, "Referrer-Policy", s.referrerPolicy());
        addIfSet(fixed, "Permissions-Policy", s.permissionsPolicy());
        this.names = fixed.stream().map(a -> a[0]).toArray(String[]::new);
        this.values = fixed.stream().map(a -> a[1]).toArray(String[]::new);

        this.enabled = !hosts.isEmpty() || !proxyHosts.isEmpty() || !sslProxy.isEmpty() || stsSeconds != 0
                || Boolean.TRUE.equals(s.stsIncludeSubdomains()) || Boolean.TRUE.equals(s.stsPreload())
                || forceSts || Boolean.TRUE.equals(s.frameDeny()) || !isEmpty(s.customFrameOptionsValue())
                || Boolean.TRUE.equals(s.contentTypeNosniff()) || Boolean.TRUE.equals(s.browserXssFilter())
                || !isEmpty(s.customBrowserXSSValue()) || !isEmpty(s.contentSecurityPolicy())
                || !isEmpty(s.contentSecurityPolicyReportOnly()) || !isEmpty(s.publicKey())
                || !isEmpty(s.referrerPolicy()) || !isEmpty(s.permissionsPolicy()) || dev;
    }

    /** @return true when any security key is set */
    boolean enabled() {
        return enabled;
    }

    /** @return false when allowedHosts is set and the request's host (or proxy host header) is not in it */
    boolean hostAllowed(HttpRequest req) {
        if (allowedHosts == null) {
            return true;
        }
        String host = req.authority() == null ? "" : req.authority();
        for (String h : hostsProxyHeaders) {
            String v = req.headers().get(h);
            if (v != null && !v.isEmpty()) {
                host = v;
                break;
            }
        }
        for (String allowed : allowedHosts) {
            if (allowed.equalsIgnoreCase(host)) {
                return true;
            }
        }
        return false;
    }

    /** @return true when the request came over HTTPS, directly or as an SSL proxy header says */
    boolean isSsl(RequestContext ctx, HttpRequest req) {
        if (ctx.secure() || "https".equalsIgnoreCase(req.scheme())) {
            return true;
        }
        for (int i = 0; i < sslProxyNames.length; i++) {
            if (sslProxyValues[i].equals(req.headers().get(sslProxyNames[i]))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets the security headers on a response, replacing the service's values.
     *
     * @param response the response headers
     * @param ssl      whether the request was HTTPS
     */
    void apply(HttpHeaders response, boolean ssl) {
        if (sts != null && (ssl || forceSts)) {
            response.set("Strict-Transport-Security", sts);
        }
        for (int i = 0; i < names.length; i++) {
            response.set(names[i], values[i]);
        }
        if (publicKey != null && ssl) {
            response.set("Public-Key-Pins", publicKey);
        }
    }

    private static void addIfSet(List<String[]> out, String name, String value) {
        if (!isEmpty(value)) {
            out.add(new String[] {name, value});
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
