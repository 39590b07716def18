package dev.gatehouse.identity.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * Verifies EdDSA (Ed25519) signatures with the JDK's own Ed25519 provider: the JOSE library's verifier for this
 * algorithm needs a further crypto library, the JDK has had Ed25519 since 15.
 */
final class Ed25519Verifier implements JWSVerifier {
    private static final Set<JWSAlgorithm> ALGS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    private final PublicKey key;
    private final JCAContext jca = new JCAContext();

    Ed25519Verifier(PublicKey key) {
        this.key = key;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!ALGS.contains(header.getAlgorithm())
                || (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())) {
            return false;
        }
        try {
            // Signature objects are not thread-safe; one per verification is cheap next to the maths.
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(signature.decode());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGS;
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
