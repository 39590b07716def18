package dev.gatehouse.core;

/** Attribute keys that several modules share. */
public final class StandardAttributes {
    private StandardAttributes() {
    }

    /**
     * Set by the upstream client when it answered by itself (502, 504) because no upstream server replied:
     * connection refused or reset before a response head, a dial or response-header timeout, no server
     * available. The retry middleware reissues only such requests, as Traefik does; a reply, whatever its
     * status, is final. The value is the cause.
     */
    public static final AttributeKey<Throwable> UPSTREAM_NOT_REACHED =
            AttributeKey.of("upstream.notReached", Throwable.class);

    /** The authenticated user's name, for the access log's {@code ClientUsername} (basicAuth sets it). */
    public static final AttributeKey<String> CLIENT_USERNAME = AttributeKey.of("client.username", String.class);

    /** The authenticated caller, set by authentication middlewares; absent when none ran or none succeeded. */
    public static final AttributeKey<Consumer> CONSUMER = AttributeKey.of("consumer", Consumer.class);

    /**
     * The name of the policy rule that decided the request ({@code authorize}), for the access log's
     * {@code AuthDecision} field; absent when no policy ran.
     */
    public static final AttributeKey<String> AUTH_DECISION = AttributeKey.of("auth.decision", String.class);

    /**
     * Names of query parameters that carried a credential (an API key, a token): the access log writes their
     * values as {@code REDACTED}. Set by the middleware that read the credential.
     */
    public static final AttributeKey<String[]> SECRET_QUERY_PARAMETERS =
            AttributeKey.of("log.secretQueryParameters", String[].class);

    /**
     * Marks a query parameter as carrying a credential, so the access log never writes its value.
     *
     * @param ctx  the exchange's context
     * @param name the parameter's name
     */
    public static void markSecretQueryParameter(RequestContext ctx, String name) {
        String[] old = ctx.get(SECRET_QUERY_PARAMETERS);
        if (old == null) {
            ctx.set(SECRET_QUERY_PARAMETERS, new String[] {name});
        } else if (!java.util.Arrays.asList(old).contains(name)) {
            String[] next = java.util.Arrays.copyOf(old, old.length + 1);
            next[old.length] = name;
            ctx.set(SECRET_QUERY_PARAMETERS, next);
        }
    }
}
