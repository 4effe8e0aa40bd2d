package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.recipient.Fingerprints;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.recipient.X25519Recipient;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One person of a custodian set (ARCHIVE-FORMAT.md §12.1): their number, their name and the public key
 * their component is encrypted to — an age X25519 recipient or an RSA key from a keystore — or, when
 * {@code publicKey} is empty, a passphrase only they know (the seed's PIN). Nothing here is secret.
 *
 * @param number 1 to 16, the custodian's place in the set and their share's x-coordinate
 * @param name a short name, {@code [A-Za-z0-9][A-Za-z0-9._@+-]{0,63}}
 * @param publicKey an {@link X25519Recipient} or {@link SshRsaRecipient}, or empty for a passphrase
 */
public record Custodian(int number, String name, Optional<Recipient> publicKey) {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");

    public Custodian {
        if (number < 1 || number > CustodianSet.MAX_CUSTODIANS) {
            throw new IllegalArgumentException("a custodian's number is 1 to " + CustodianSet.MAX_CUSTODIANS);
        }
        Objects.requireNonNull(name);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a custodian's name is 1 to 64 letters, digits and ._@+- (no spaces),"
                    + " starting with a letter or digit");
        }
        publicKey.ifPresent(key -> {
            if (!(key instanceof X25519Recipient) && !(key instanceof SshRsaRecipient)) {
                throw new IllegalArgumentException(
                        "a custodian's key is an age X25519 recipient or an ssh-rsa key, not " + key.kind());
            }
        });
    }

    /** A custodian whose component is encrypted to {@code recipient}. */
    public static Custodian withKey(int number, String name, Recipient recipient) {
        return new Custodian(number, name, Optional.of(recipient));
    }

    /** A custodian whose component is protected by their passphrase. */
    public static Custodian withPassphrase(int number, String name) {
        return new Custodian(number, name, Optional.empty());
    }

    /** Whether the component is protected by a passphrase rather than a public key. */
    public boolean usesPassphrase() {
        return publicKey.isEmpty();
    }

    /** {@code X25519}, {@code ssh-rsa} or {@code passphrase}. */
    public String kind() {
        return publicKey.map(Recipient::kind).orElse(Fingerprints.PASSPHRASE);
    }

    /** The key's fingerprint, or {@code passphrase}. */
    public String fingerprint() {
        return publicKey.map(Recipient::fingerprint).orElse(Fingerprints.PASSPHRASE);
    }

    /** For messages: {@code bob (2)}. */
    public String label() {
        return name + " (" + number + ")";
    }
}
