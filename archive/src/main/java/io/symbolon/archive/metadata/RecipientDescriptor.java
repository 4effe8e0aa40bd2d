package io.symbolon.archive.metadata;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A recipient as recorded in the metadata and the rekey log (ARCHIVE-FORMAT.md §4.2): its kind, its
 * fingerprint and, for public-key kinds, its public encoding, so that a re-key can wrap the file key
 * to the recipients that remain without having to know their private keys.
 *
 * @param kind the age stanza type, e.g. {@code X25519}, {@code ssh-rsa}, {@code scrypt}
 * @param fingerprint {@code SHA256:} plus unpadded base64, or {@code passphrase} for scrypt
 * @param publicKey the recipient's public encoding ({@code age1…}, the base64 of an ssh-rsa key), or
 *     empty for a passphrase
 */
public record RecipientDescriptor(String kind, String fingerprint, Optional<String> publicKey) {
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,8192}");
    /** A custodian set's description (16 RSA keys) is longer than any single key. */
    private static final Pattern PUBLIC_KEY = Pattern.compile("[\\x21-\\x7e]{1,65536}");

    public RecipientDescriptor {
        if (!TOKEN.matcher(kind).matches() || kind.length() > 64) {
            throw new IllegalArgumentException("invalid recipient kind");
        }
        if (!TOKEN.matcher(fingerprint).matches() || fingerprint.length() > 128) {
            throw new IllegalArgumentException("invalid recipient fingerprint");
        }
        publicKey.ifPresent(key -> {
            if (!PUBLIC_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("invalid recipient public key encoding");
            }
        });
    }

    /** The line value: kind, fingerprint and public key separated by single spaces. */
    public String encode() {
        return kind + " " + fingerprint + publicKey.map(key -> " " + key).orElse("");
    }

    public static RecipientDescriptor decode(String value) {
        String[] parts = value.split(" ", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("a recipient is 'kind fingerprint [public-key]'");
        }
        return new RecipientDescriptor(
                parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }
}
