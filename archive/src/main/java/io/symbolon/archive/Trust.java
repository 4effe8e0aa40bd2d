package io.symbolon.archive;

import io.symbolon.archive.signature.KeyFingerprint;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom an archive's signature must come from. Verifying without a pinned signer still checks every
 * byte against the signature, but only proves that whoever holds the key in {@code node.crt} wrote the
 * archive; pin the original node's certificate or fingerprint to prove it was that node.
 */
public sealed interface Trust {

    /** Any signer whose signature verifies; the result says the signer was not pinned. */
    static Trust anySigner() {
        return new AnySigner();
    }

    /** Only the key with this fingerprint ({@code SHA256:…}, as {@code archive inspect} shows). */
    static Trust fingerprint(String fingerprint) {
        return new Pinned(Objects.requireNonNull(fingerprint));
    }

    /** Only the key of this certificate. */
    static Trust certificate(X509Certificate certificate) {
        return new Pinned(KeyFingerprint.of(certificate.getPublicKey()));
    }

    /** The pinned fingerprint, if any. */
    Optional<String> pinned();

    /** Accepts any signer. */
    record AnySigner() implements Trust {
        @Override
        public Optional<String> pinned() {
            return Optional.empty();
        }
    }

    /** Accepts one key. */
    record Pinned(String fingerprint) implements Trust {
        @Override
        public Optional<String> pinned() {
            return Optional.of(fingerprint);
        }
    }
}
