package io.symbolon.archive.age;

import java.util.List;

/**
 * The public side of one recipient type (age.md, "Recipient stanza"): it wraps a file key into the
 * stanzas that only the matching {@link Identity} can unwrap. Implementations hold no secret that an
 * attacker could not already know, except a passphrase recipient's passphrase.
 */
public interface Recipient {

    /** Wraps {@code fileKey} into one or more stanzas, with fresh randomness for every call. */
    List<Stanza> wrap(FileKey fileKey);

    /**
     * A public, stable name for the recipient's key: {@code SHA256:} and unpadded base64 of a SHA-256
     * digest of its public key, or {@code passphrase} for a passphrase.
     */
    String fingerprint();

    /** The recipient type, as in the stanza's first argument: {@code X25519}, {@code ssh-rsa}, {@code scrypt}. */
    String kind();

    /**
     * Whether this recipient resists a quantum computer (the hybrid {@code mlkem768x25519} type). A file
     * encrypted to one must not also be encrypted to a classic recipient (age.md; the age program refuses
     * the mix), whose stanza would open it to whoever breaks the classic key.
     */
    default boolean postQuantum() {
        return false;
    }

    /** Whether a file encrypted to this recipient may have no other stanza (true for passphrases). */
    default boolean requiresSoleStanza() {
        return false;
    }
}
