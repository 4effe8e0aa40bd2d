package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.age.Stanza;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A passphrase recipient (age.md, "The scrypt recipient type"): it wraps a file key in a stanza {@code
 * -> scrypt <salt> <logN>} under a key derived from the passphrase with scrypt. Such a stanza must be
 * the only one in its file. It keeps a copy of the passphrase until closed.
 */
public final class ScryptRecipient implements Recipient, AutoCloseable {
    /** The default base-two logarithm of the scrypt work factor, as age uses (about 1 s, 256 MiB). */
    public static final int DEFAULT_LOG_N = 18;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] passphrase;
    private final int logN;
    private boolean closed;

    /** A recipient with the default work factor; {@code passphrase} is copied, the caller wipes its own. */
    public ScryptRecipient(char[] passphrase) {
        this(passphrase, DEFAULT_LOG_N);
    }

    /** A recipient with work factor {@code 2^logN}, 1 to 22; {@code passphrase} is copied. */
    public ScryptRecipient(char[] passphrase, int logN) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase is empty");
        }
        if (logN < 1 || logN > ScryptKdf.MAX_LOG_N) {
            throw new IllegalArgumentException(
                    "the scrypt work factor is 2^1 to 2^" + ScryptKdf.MAX_LOG_N + ", not 2^" + logN);
        }
        this.passphrase = passphrase.clone();
        this.logN = logN;
    }

    @Override
    public List<Stanza> wrap(FileKey fileKey) {
        ensureOpen();
        byte[] salt = new byte[ScryptKdf.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        byte[] body = WrapCipher.seal(ScryptKdf.wrapKey(passphrase, salt, logN), fileKey);
        return List.of(Stanza.of(ScryptKdf.STANZA_TYPE, List.of(Base64Raw.encode(salt), Integer.toString(logN)), body));
    }

    @Override
    public String fingerprint() {
        return Fingerprints.PASSPHRASE;
    }

    @Override
    public String kind() {
        return ScryptKdf.STANZA_TYPE;
    }

    @Override
    public boolean requiresSoleStanza() {
        return true;
    }

    /** Wipes the copy of the passphrase. */
    @Override
    public void close() {
        Arrays.fill(passphrase, '\0');
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the passphrase was wiped: this recipient is closed");
        }
    }

    @Override
    public String toString() {
        return "ScryptRecipient[passphrase, logN=" + logN + "]";
    }
}
