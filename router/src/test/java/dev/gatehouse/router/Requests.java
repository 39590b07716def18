package dev.gatehouse.router;

import dev.gatehouse.core.Body;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Builds requests and contexts for tests. */
final class Requests {
    private Requests() {
    }

    /**
     * A GET request from a URL such as {@code https://example.com:8080/css?q=1}.
     *
     * @param url the URL
     * @return the request
     */
    static HttpRequest get(String url) {
        return request("GET", url, new DefaultHttpHeaders());
    }

    static HttpRequest request(String method, String url, HttpHeaders headers) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = indexOfAny(rest, "/?");
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String target = slash < 0 ? "/" : rest.substring(slash);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        if (path.isEmpty()) {
            path = "/";
        }
        String query = q < 0 ? null : target.substring(q + 1);
        return new HttpRequest(HttpMethod.valueOf(method), "https", authority, path, query, headers, Body.empty(),
                "HTTP/1.1");
    }

    static RequestContext ctx() {
        return new RequestContext(null, null, null, "web", false);
    }

    /**
     * A context whose TCP peer has the given literal IP.
     *
     * @param ip an IP literal (never a name: no DNS happens)
     * @return the context
     */
    static RequestContext ctxFrom(String ip) {
        try {
            InetAddress addr = InetAddress.getByAddress(dev.gatehouse.router.internal.IpRange.parseIp(ip));
            return new RequestContext(null, null, new InetSocketAddress(addr, 40000), "web", false);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean matches(String rule, String url) {
        return Rule.parse(rule).matches(ctx(), get(url));
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
