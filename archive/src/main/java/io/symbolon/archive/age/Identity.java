package io.symbolon.archive.age;

import java.util.List;
import java.util.Optional;

/**
 * The private side of one recipient type (age.md, "Recipient stanza"): it looks through all stanzas of a
 * header for one addressed to it and unwraps the file key.
 *
 * <p>It guarantees that a returned file key came out of an authenticated unwrap; it does not guarantee
 * the header is authentic — the caller verifies the header MAC with the key (see {@link Age}).
 */
public interface Identity {

    /**
     * Unwraps the file key from the first stanza addressed to this identity.
     *
     * @return the file key, or empty if no stanza is addressed to this identity or none unwraps under it
     *     (a wrong key or passphrase), so that the caller can try other identities
     * @throws AgeException of kind {@code HEADER} if a stanza of this identity's type breaks a rule of the
     *     specification (argument count, encoding, body length, a low-order share, a work factor above
     *     the accepted limit, ...); the specification requires decryption to abort then
     */
    Optional<FileKey> unwrap(List<Stanza> stanzas);

    /** The recipient type and the public fingerprint, for messages; never a secret. */
    String describe();
}
