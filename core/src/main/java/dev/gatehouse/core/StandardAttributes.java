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
}
