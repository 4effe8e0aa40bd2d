package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Base64Raw;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public description of a custodian set (ARCHIVE-FORMAT.md §12.1): who the custodians are, how
 * many of them must join to open an archive, and how passphrase components are protected. It holds no
 * secret; its canonical encoding ({@link CustodianSetCodec}) is what a set file contains, and its
 * SHA-256 is the set's fingerprint.
 *
 * @param name the set's name, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param threshold k: how many custodians must contribute; N (all of them) means XOR components
 * @param passphraseWorkFactor log2 of scrypt's N for passphrase components, 14 to 22 (18 is age's)
 * @param custodians the custodians, numbered 1 to N in order, 2 ≤ N ≤ 16
 */
public record CustodianSet(String name, int threshold, int passphraseWorkFactor, List<Custodian> custodians) {
    /** The most custodians a set may have. */
    public static final int MAX_CUSTODIANS = 16;
    /** The default scrypt work factor of passphrase components, as age uses for passphrases. */
    public static final int DEFAULT_WORK_FACTOR = 18;
    /** The smallest scrypt work factor a set may choose (16 MiB of memory per attempt). */
    public static final int MIN_WORK_FACTOR = 14;
    /** The largest, which is also the largest any age identity in Symbolon accepts. */
    public static final int MAX_WORK_FACTOR = 22;

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public CustodianSet {
        Objects.requireNonNull(name);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a custodian set's name is 1 to 64 letters, digits and ._- (no spaces), starting with a letter or digit");
        }
        custodians = List.copyOf(custodians);
        int total = custodians.size();
        if (total < 2 || total > MAX_CUSTODIANS) {
            throw new IllegalArgumentException("a custodian set has 2 to " + MAX_CUSTODIANS + " custodians, not "
                    + total + " (for one person, use an ordinary recipient)");
        }
        if (threshold < 2 || threshold > total) {
            throw new IllegalArgumentException(
                    "the threshold of a set of " + total + " custodians is 2 to " + total + ", not " + threshold);
        }
        if (passphraseWorkFactor < MIN_WORK_FACTOR || passphraseWorkFactor > MAX_WORK_FACTOR) {
            throw new IllegalArgumentException("the passphrase work factor is " + MIN_WORK_FACTOR + " to "
                    + MAX_WORK_FACTOR + " (log2 of scrypt's N), not " + passphraseWorkFactor);
        }
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < total; i++) {
            Custodian custodian = custodians.get(i);
            if (custodian.number() != i + 1) {
                throw new IllegalArgumentException("custodians are numbered 1 to " + total + " in order; found "
                        + custodian.number() + " in place " + (i + 1));
            }
            if (!names.add(custodian.name())) {
                throw new IllegalArgumentException("two custodians are named " + custodian.name());
            }
            if (!custodian.usesPassphrase() && !keys.add(custodian.fingerprint())) {
                throw new IllegalArgumentException("custodian " + custodian.label() + " has the same key ("
                        + custodian.fingerprint() + ") as another; one person would hold two components");
            }
        }
    }

    /** A set with the default passphrase work factor. */
    public static CustodianSet of(String name, int threshold, List<Custodian> custodians) {
        return new CustodianSet(name, threshold, DEFAULT_WORK_FACTOR, custodians);
    }

    /** N, the number of custodians. */
    public int total() {
        return custodians.size();
    }

    /** Whether every custodian is needed (XOR components), as in seeds 001 and 004. */
    public boolean allRequired() {
        return threshold == custodians.size();
    }

    /** Whether some custodian's component is protected by a passphrase (such a set cannot be re-split from its description). */
    public boolean hasPassphrases() {
        return custodians.stream().anyMatch(Custodian::usesPassphrase);
    }

    /** Custodian number {@code number}, if the set has one. */
    public Optional<Custodian> custodian(int number) {
        return number >= 1 && number <= custodians.size() ? Optional.of(custodians.get(number - 1)) : Optional.empty();
    }

    /** {@code SHA256:} and the unpadded base64 of SHA-256 of the canonical encoding. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CustodianSetCodec.encode(this));
            return "SHA256:" + Base64Raw.encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** For messages: {@code finance (2 of 3, SHA256:…)}. */
    public String label() {
        return name + " (" + threshold + " of " + total() + ", " + fingerprint() + ")";
    }

    SecretSharing sharing() {
        return SecretSharing.of(threshold, total());
    }

    @Override
    public String toString() {
        return new String(CustodianSetCodec.encode(this), StandardCharsets.UTF_8);
    }
}
