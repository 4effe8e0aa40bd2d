package io.symbolon.archive.signature;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A signing key and its certificate: a node's identity, which signs the archives it writes, or an
 * operator's key, which countersigns a re-encryption. The private key never leaves this object.
 */
public final class NodeSigner {
    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final SignatureAlgorithm algorithm;

    public NodeSigner(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = Objects.requireNonNull(privateKey);
        this.certificate = Objects.requireNonNull(certificate);
        this.algorithm = SignatureAlgorithm.forKey(certificate.getPublicKey());
        if (SignatureAlgorithm.forKey(privateKey) != algorithm) {
            throw new IllegalArgumentException("the private key does not match the certificate's key type");
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The fingerprint of the certificate's public key. */
    public String fingerprint() {
        return KeyFingerprint.of(certificate.getPublicKey());
    }

    public byte[] sign(byte[] message) {
        try {
            return algorithm.sign(privateKey, message);
        } catch (GeneralSecurityException e) {
            throw new SymbolonException(
                    ErrorCode.INTERNAL, "signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "NodeSigner[" + algorithm.label() + " " + fingerprint() + "]";
    }
}
