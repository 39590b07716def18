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
}
