package dev.gatehouse.identity.forwardauth;

import dev.gatehouse.core.Middleware;
import dev.gatehouse.core.spi.BuildContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.core.spi.MiddlewareFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Builds {@code forwardAuth} middlewares: validates the spec and keeps one HTTP client per middleware. */
public final class ForwardAuthFactory implements MiddlewareFactory<ForwardAuthSpec> {
    /** Java arrays stop just short of 2 GiB, so "no limit" means this many bytes. */
    static final int LARGEST_BODY = Integer.MAX_VALUE - 8;

    @Override
    public String kind() {
        return "forwardAuth";
    }

    @Override
    public Class<ForwardAuthSpec> specType() {
        return ForwardAuthSpec.class;
    }

    @Override
    public Middleware create(ForwardAuthSpec spec, BuildContext ctx) {
        URI address = address(spec.address());
        Pattern regex = null;
        if (spec.authResponseHeadersRegex() != null && !spec.authResponseHeadersRegex().isEmpty()) {
            try {
                regex = Pattern.compile(spec.authResponseHeadersRegex());
            } catch (PatternSyntaxException e) {
                throw new InvalidSpecException("authResponseHeadersRegex", "not a valid regular expression: "
                        + e.getDescription());
            }
        }
        long max = spec.maxBodySize() == null ? -1 : spec.maxBodySize();
        int maxBody = max < 0 || max > LARGEST_BODY ? LARGEST_BODY : (int) max;
        AuthClient client = ctx.resource("client", spec.tls(),
                () -> new AuthClient(ClientTls.context(spec.tls(), ctx.baseDir())));
        ForwardAuthSettings settings = new ForwardAuthSettings(address, Boolean.TRUE.equals(spec.trustForwardHeader()),
                canonical(spec.authResponseHeaders()), regex, Set.copyOf(canonical(spec.authRequestHeaders())),
                Set.copyOf(orEmpty(spec.addAuthCookiesToResponse())), Boolean.TRUE.equals(spec.forwardBody()),
                maxBody, blankToNull(spec.headerField()), Boolean.TRUE.equals(spec.preserveLocationHeader()),
                Boolean.TRUE.equals(spec.preserveRequestMethod()), ctx.name());
        return new ForwardAuthMiddleware(settings, client.client());
    }

    private static URI address(String address) {
        if (address == null || address.isBlank()) {
            throw new InvalidSpecException("address", "the authentication server's URL is required");
        }
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidSpecException("address", "expected an absolute http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("address", "not a valid URL: " + e.getReason());
        }
    }

    private static List<String> canonical(List<String> names) {
        return orEmpty(names).stream().filter(n -> n != null && !n.isEmpty()).map(HeaderNames::canonical)
                .distinct().collect(Collectors.toUnmodifiableList());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
