package io.symbolon.archive.recipient;

import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Stanza;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A passphrase identity (age.md, "The scrypt recipient type"). It refuses, as the specification
 * requires, an scrypt stanza beside any other stanza, and one with other than three arguments, a salt
 * that is not canonical base64 of 16 bytes, a work factor that is not a decimal without leading zeros,
 * or a body that is not 32 bytes; and it refuses work factors above its limit rather than spend minutes
 * and gigabytes on them. It keeps a copy of the passphrase until closed.
 */
public final class ScryptIdentity implements Identity, AutoCloseable {
    /** The largest work factor accepted unless told otherwise: 2^22, as age's own default. */
    public static final int DEFAULT_MAX_LOG_N = ScryptKdf.MAX_LOG_N;

    /** scrypt with r = 8 needs 128 · 8 · 2^logN bytes; 2^30 would need 128 GiB. */
    private static final int LARGEST_LIMIT = 30;

    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]?");

    private final char[] passphrase;
    private final int maxLogN;
    private boolean closed;

    /** An identity accepting work factors up to {@link #DEFAULT_MAX_LOG_N}; {@code passphrase} is copied. */
    public ScryptIdentity(char[] passphrase) {
        this(passphrase, DEFAULT_MAX_LOG_N);
    }

    /** An identity accepting work factors up to {@code 2^maxLogN}; {@code passphrase} is copied. */
    public ScryptIdentity(char[] passphrase, int maxLogN) {
        if (maxLogN < 1 || maxLogN > LARGEST_LIMIT) {
            throw new IllegalArgumentException(
                    "the scrypt work factor limit is 2^1 to 2^" + LARGEST_LIMIT + ", not 2^" + maxLogN);
        }
        this.passphrase = passphrase.clone();
        this.maxLogN = maxLogN;
    }

    @Override
    public Optional<FileKey> unwrap(List<Stanza> stanzas) {
        ensureOpen();
        boolean hasScrypt = stanzas.stream().anyMatch(s -> s.type().equals(ScryptKdf.STANZA_TYPE));
        if (hasScrypt && stanzas.size() != 1) {
            throw malformed("an scrypt stanza must be the only stanza of the header");
        }
        for (Stanza stanza : stanzas) {
            if (stanza.type().equals(ScryptKdf.STANZA_TYPE)) {
                return unwrap(stanza);
            }
        }
        return Optional.empty();
    }

    private Optional<FileKey> unwrap(Stanza stanza) {
        List<String> arguments = stanza.arguments();
        if (arguments.size() != 3) {
            throw malformed("an scrypt stanza has " + arguments.size() + " arguments instead of 3");
        }
        byte[] salt = Base64Raw.decode(arguments.get(1), "the scrypt stanza's salt");
        if (salt.length != ScryptKdf.SALT_LENGTH) {
            throw malformed("an scrypt stanza has a salt of " + salt.length + " bytes instead of 16");
        }
        String workFactor = arguments.get(2);
        if (!DECIMAL.matcher(workFactor).matches()) {
            throw malformed(
                    "an scrypt stanza's work factor is not a decimal number from 1 to 99 without leading zeros");
        }
        int logN = Integer.parseInt(workFactor);
        if (logN > maxLogN) {
            throw malformed("the scrypt work factor 2^" + logN + " exceeds the accepted limit 2^" + maxLogN
                    + "; decrypting would take too long and too much memory");
        }
        if (stanza.bodyLength() != 32) {
            throw malformed("an scrypt stanza has a body of " + stanza.bodyLength() + " bytes instead of 32");
        }
        return WrapCipher.open(ScryptKdf.wrapKey(passphrase, salt, logN), stanza.body());
    }

    @Override
    public String describe() {
        return ScryptKdf.STANZA_TYPE + " " + Fingerprints.PASSPHRASE;
    }

    /** Wipes the copy of the passphrase. */
    @Override
    public void close() {
        Arrays.fill(passphrase, '\0');
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the passphrase was wiped: this identity is closed");
        }
    }

    @Override
    public String toString() {
        return "ScryptIdentity[passphrase, maxLogN=" + maxLogN + "]";
    }

    private static AgeException malformed(String problem) {
        return new AgeException(AgeException.Kind.HEADER, "malformed age header: " + problem);
    }
}
