package dev.gatehouse.upstream.internal;

/** What a load balancer learns from one forwarded exchange: for passive health and in-flight counts. */
interface Outcome {
    /**
     * The response head is known: the upstream's status, or the gateway's own status when the upstream was
     * not reached.
     *
     * @param status     the status
     * @param notReached the cause when the upstream did not answer, or null
     */
    void head(int status, Throwable notReached);

    /** The exchange released the server: the body ended, failed or was cancelled. */
    void ended();

    /** Ignores everything. */
    Outcome NONE = new Outcome() {
        @Override
        public void head(int status, Throwable notReached) {
        }

        @Override
        public void ended() {
        }
    };
}
