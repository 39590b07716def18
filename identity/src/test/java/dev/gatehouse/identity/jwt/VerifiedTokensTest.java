package dev.gatehouse.identity.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A token verified once is remembered, but never past its expiry or a change of keys. */
class VerifiedTokensTest {
    private static final Set<JWSAlgorithm> HS = Set.of(JWSAlgorithm.HS256);

    /** A key source whose keys the test swaps, as a JWKS refresh would. */
    private static final class Swappable implements KeySource {
        volatile KeySet set;

        Swappable(KeySet set) {
            this.set = set;
        }

        @Override
        public KeySet keys() {
            return set;
        }

        @Override
        public CompletableFuture<KeySet> ready() {
            return CompletableFuture.completedFuture(set);
        }

        @Override
        public CompletableFuture<KeySet> refetchForUnknownKid() {
            return null;
        }
    }

    private static TokenVerifier verifier(KeySource keys) {
        TrustedIssuer entry = new TrustedIssuer(Set.of(), keys, HS, List.of());
        return new TokenVerifier(Map.of(), entry, 0, 16_384, null);
    }

    @Test
    void aRememberedTokenStillExpires() {
        long now = System.currentTimeMillis();
        String token = TestTokens.hs256(TestTokens.claims().expirationTime(new Date(now + 60_000)).build());
        TokenVerifier v = verifier(new KeySource.Fixed(Keys.secret(TestTokens.SECRET, false, HS)));
        assertThat(v.verify(token, now, true)).isInstanceOf(Verdict.Valid.class);
        assertThat(v.verify(token, now + 1_000, true)).as("served from memory").isInstanceOf(Verdict.Valid.class);
        assertThat(v.verify(token, now + 60_000, true)).isEqualTo(new Verdict.Invalid("token expired"));
    }

    @Test
    void newKeysMeanTheTokenIsVerifiedAgain() {
        long now = System.currentTimeMillis();
        String token = TestTokens.hs256(TestTokens.claims().expirationTime(new Date(now + 60_000)).build());
        Swappable keys = new Swappable(Keys.secret(TestTokens.SECRET, false, HS));
        TokenVerifier v = verifier(keys);
        assertThat(v.verify(token, now, true)).isInstanceOf(Verdict.Valid.class);
        keys.set = Keys.secret("another-secret-of-at-least-32-bytes!!", false, HS);
        assertThat(v.verify(token, now, true)).as("the old key was rotated out")
                .isEqualTo(new Verdict.Invalid("bad signature"));
    }

    @Test
    void anInvalidTokenIsNeverRemembered() {
        long now = System.currentTimeMillis();
        String token = TestTokens.hs256(TestTokens.claims().expirationTime(new Date(now + 60_000)).build());
        Swappable keys = new Swappable(Keys.secret("another-secret-of-at-least-32-bytes!!", false, HS));
        TokenVerifier v = verifier(keys);
        assertThat(v.verify(token, now, true)).isEqualTo(new Verdict.Invalid("bad signature"));
        keys.set = Keys.secret(TestTokens.SECRET, false, HS);
        assertThat(v.verify(token, now, true)).isInstanceOf(Verdict.Valid.class);
    }
}
