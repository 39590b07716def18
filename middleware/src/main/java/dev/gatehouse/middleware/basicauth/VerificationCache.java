package dev.gatehouse.middleware.basicauth;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers successful slow (bcrypt) checks and runs the others off the event loop, once per distinct
 * credential at a time.
 *
 * <p>Why both: a bcrypt check costs tens of milliseconds, which would stall every connection of an event loop.
 * Checks therefore run on the blocking executor and the exchange resumes on its event loop. Browsers and API
 * clients resend the same credentials on every request, so successes are remembered and a known-good credential
 * costs one HMAC on the event loop. Failures are not remembered (a wrong password must keep costing the
 * attacker a full bcrypt), and concurrent checks of the same credential share one bcrypt run, as Traefik's
 * singleflight does.
 *
 * <p>Keys are HMAC-SHA256 of user and password under a random per-instance key, so the cache holds no
 * password, nor a hash that could be attacked offline. The cache is bounded; when full it is simply cleared,
 * which only costs the next request of each user one more bcrypt run.
 */
final class VerificationCache {
    static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<String, Boolean> verified = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Mac> mac;

    VerificationCache() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** @return the cache key of a credential */
    String key(String user, byte[] password) {
        Mac m = mac.get();
        m.update(user.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        m.update((byte) 0);
        m.update(password);
        return Base64.getEncoder().encodeToString(m.doFinal());
    }

    /** @return true when this credential was verified before */
    boolean isVerified(String key) {
        return verified.containsKey(key);
    }

    /** @return how many successes are remembered */
    int size() {
        return verified.size();
    }

    /**
     * Checks a credential on the executor, sharing a check already running for the same key.
     *
     * @param key      the credential's key
     * @param check    the slow check
     * @param executor where it runs
     * @return the outcome; failed when the executor refused the work
     */
    CompletableFuture<Boolean> verify(String key, BooleanSupplier check, Executor executor) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> {
                boolean ok = false;
                try {
                    ok = check.getAsBoolean();
                    if (ok) {
                        remember(key);
                    }
                } finally {
                    inFlight.remove(key, mine);
                    mine.complete(ok);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private void remember(String key) {
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(key, Boolean.TRUE);
    }
}
