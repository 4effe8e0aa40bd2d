package io.symbolon.archive.signature;

import io.symbolon.archive.ArchiveException;
import io.symbolon.error.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The signature algorithms an archive's signature or countersignature may use (ARCHIVE-FORMAT.md §8).
 * Ed25519 is the default for node keys; ECDSA P-256 and RSA-PSS are accepted for countersigning keys
 * that operators already hold in keystores. All are the JDK's implementations.
 */
public enum SignatureAlgorithm {
    ED25519("Ed25519"),
    ECDSA_P256_SHA256("ECDSA-P256-SHA256"),
    RSA_PSS_SHA256("RSA-PSS-SHA256");

    private final String label;

    SignatureAlgorithm(String label) {
        this.label = label;
    }

    /** The name written in the member, e.g. {@code Ed25519}. */
    public String label() {
        return label;
    }

    public static SignatureAlgorithm fromLabel(String label, String source) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.label.equals(label)) {
                return algorithm;
            }
        }
        throw new ArchiveException(ErrorCode.MALFORMED, source, "unknown signature algorithm '" + label + "'");
    }

    /** The algorithm that goes with a key, or an error for key types Symbolon does not sign with. */
    public static SignatureAlgorithm forKey(java.security.Key key) {
        if (key instanceof EdECKey edKey && edKey.getParams().getName().equalsIgnoreCase("Ed25519")) {
            return ED25519;
        }
        if (key instanceof ECKey ecKey
                && ecKey.getParams().getCurve().getField().getFieldSize() == 256) {
            return ECDSA_P256_SHA256;
        }
        if (key instanceof RSAKey rsaKey && rsaKey.getModulus().bitLength() >= 3072) {
            return RSA_PSS_SHA256;
        }
        throw new IllegalArgumentException("signing keys are Ed25519, EC P-256 or RSA of at least 3072 bits");
    }

    byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = instance();
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) throws GeneralSecurityException {
        Signature signature = instance();
        signature.initVerify(key);
        signature.update(message);
        return signature.verify(signatureBytes);
    }

    private Signature instance() throws GeneralSecurityException {
        return switch (this) {
            case ED25519 -> Signature.getInstance("Ed25519");
            case ECDSA_P256_SHA256 -> Signature.getInstance("SHA256withECDSA");
            case RSA_PSS_SHA256 -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
        };
    }
}
