package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.core.HttpResponse;
import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.Extensions;
import dev.gatehouse.core.spi.MiddlewareFactory;
import dev.gatehouse.testing.exchange.Exchange;
import dev.gatehouse.testing.exchange.TestBuildContext;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind is found through ServiceLoader and builds from Traefik-shaped dynamic-config YAML, unchanged: the
 * spec records carry Traefik's key names.
 */
class RegistrationTest {
    private static final String YAML = """
            http:
              middlewares:
                add:
                  addPrefix:
                    prefix: /foo
                strip:
                  stripPrefix:
                    prefixes: ["/foobar", "/fiibar"]
                stripre:
                  stripPrefixRegex:
                    regex: ["/foo/[a-z0-9]+/[0-9]+/"]
                replace:
                  replacePath:
                    path: /foo
                replacere:
                  replacePathRegex:
                    regex: "^/foo/(.*)"
                    replacement: "/bar/$1"
                toHttps:
                  redirectScheme:
                    scheme: https
                    port: 443
                    permanent: true
                toRegex:
                  redirectRegex:
                    regex: "^http://localhost/(.*)"
                    replacement: "http://mydomain/${1}"
                    permanent: true
                hdrs:
                  headers:
                    customRequestHeaders:
                      X-Script-Name: test
                      X-Custom-Request-Header: ""
                    customResponseHeaders:
                      X-Custom-Response-Header: value
                    accessControlAllowMethods: [GET, OPTIONS, PUT]
                    accessControlAllowHeaders: ["*"]
                    accessControlAllowOriginList: ["https://foo.bar.org", "https://example.org"]
                    accessControlAllowOriginListRegex: ["^https://(.*)\\\\.example\\\\.com$"]
                    accessControlExposeHeaders: [X-Total]
                    accessControlAllowCredentials: true
                    accessControlMaxAge: 100
                    addVaryHeader: true
                    allowedHosts: [example.com]
                    hostsProxyHeaders: [X-Forwarded-Host]
                    sslProxyHeaders:
                      X-Forwarded-Proto: https
                    stsSeconds: 31536000
                    stsIncludeSubdomains: true
                    stsPreload: true
                    forceSTSHeader: true
                    frameDeny: true
                    customFrameOptionsValue: SAMEORIGIN
                    contentTypeNosniff: true
                    browserXssFilter: true
                    customBrowserXSSValue: "0"
                    contentSecurityPolicy: "default-src 'self'"
                    contentSecurityPolicyReportOnly: "default-src 'self'"
                    publicKey: pin-sha256="base64+primary=="
                    referrerPolicy: same-origin
                    permissionsPolicy: camera=()
                    isDevelopment: false
                auth:
                  basicAuth:
                    users:
                      - "test:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"
                    realm: MyRealm
                    headerField: X-WebAuth-User
                    removeHeader: true
                allow:
                  ipAllowList:
                    sourceRange: ["127.0.0.1/32", "192.168.1.7"]
                    rejectStatusCode: 404
                    ipStrategy:
                      depth: 2
                      excludedIPs: ["127.0.0.1/32"]
                      ipv6Subnet: 64
                white:
                  ipWhiteList:
                    sourceRange: ["127.0.0.1/32"]
                    ipStrategy:
                      excludedIPs: ["127.0.0.1/32"]
                secured:
                  chain:
                    middlewares: [allow, auth]
            """;

    @Test
    void everyKindIsRegistered() {
        assertThat(Extensions.middlewareFactories().keySet()).containsExactlyInAnyOrder("addPrefix", "stripPrefix",
                "stripPrefixRegex", "replacePath", "replacePathRegex", "redirectScheme", "redirectRegex", "headers",
                "basicAuth", "ipAllowList", "ipWhiteList", "chain");
    }

    @Test
    void traefikYamlBindsAndBuildsThroughDiscoveredFactories() throws Exception {
        ObjectMapper mapper = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode middlewares = mapper.readTree(YAML).path("http").path("middlewares");
        Map<String, MiddlewareFactory<?>> factories = Extensions.middlewareFactories();
        TestBuildContext ctx = TestBuildContext.simple();
        int built = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = middlewares.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map.Entry<String, JsonNode> kindAndConfig = e.getValue().fields().next();
            Middleware m = create(factories.get(kindAndConfig.getKey()), mapper, kindAndConfig.getValue(), ctx);
            assertThat(m).as(e.getKey()).isNotNull();
            ctx.with(e.getKey(), m);
            built++;
        }
        assertThat(built).isEqualTo(12);

        HttpResponse r = Exchange.of("GET", "/x", "127.0.0.1", false, null).run(ctx.middleware("toHttps"));
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.headers().get("Location")).isEqualTo("https://example.com/x");
    }

    private static <S> Middleware create(MiddlewareFactory<S> f, ObjectMapper mapper, JsonNode config,
                                         TestBuildContext ctx) throws Exception {
        return f.create(mapper.treeToValue(config, f.specType()), ctx);
    }
}
