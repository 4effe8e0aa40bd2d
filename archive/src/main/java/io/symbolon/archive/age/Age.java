package io.symbolon.archive.age;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writing and reading whole age v1 files (age.md, "Encrypted file format"): a header that wraps a fresh
 * file key for every recipient, then the payload.
 *
 * <p>Guarantees: plaintext read from a {@link Decryption} is authentic under the unwrapped file key;
 * end-of-file is reported only after the whole payload verified. Not guaranteed: that the file was
 * written by anyone in particular (anybody who knows a recipient can encrypt to it) or that it is the
 * latest file; a signature over the file is needed for that.
 */
public final class Age {
    /** Why a file cannot be encrypted to post-quantum and classic recipients at once. */
    public static final String MIXED_POST_QUANTUM =
            "a post-quantum (age1pq1…) recipient cannot be combined with classic ones (X25519, ssh-rsa, "
                    + "passphrase, custodian sets): their stanzas would open the file to whoever breaks the "
                    + "classic key, as age.md warns; encrypt to post-quantum recipients only, or to classic ones only";

    private Age() {}

    /** An opened file: its header, its file key (close it when done) and its plaintext. */
    public record Decryption(Header header, FileKey fileKey, InputStream plaintext) implements AutoCloseable {
        public Decryption {
            Objects.requireNonNull(header);
            Objects.requireNonNull(fileKey);
            Objects.requireNonNull(plaintext);
        }

        /** Closes the plaintext stream and wipes the file key. */
        @Override
        public void close() throws IOException {
            try (fileKey) {
                plaintext.close();
            }
        }
    }

    /**
     * Writes the header of a new file for {@code recipients} to {@code out} and returns the stream to
     * write the plaintext to; closing it completes the file and closes {@code out}.
     *
     * @throws SymbolonException with {@link ErrorCode#BAD_RECIPIENT} if there is no recipient, or a
     *     passphrase recipient is combined with any other, or post-quantum recipients with classic ones
     */
    public static OutputStream encrypt(OutputStream out, List<? extends Recipient> recipients) throws IOException {
        Objects.requireNonNull(out, "out");
        checkRecipients(recipients);
        try (FileKey fileKey = FileKey.generate()) {
            Header header = header(fileKey, recipients);
            out.write(header.encoded());
            return new PayloadEncryptor(out, fileKey);
        }
    }

    /** Wraps {@code fileKey} for every recipient into an authenticated header (also for re-keying). */
    public static Header header(FileKey fileKey, List<? extends Recipient> recipients) {
        checkRecipients(recipients);
        List<Stanza> stanzas = new ArrayList<>();
        for (Recipient recipient : recipients) {
            stanzas.addAll(recipient.wrap(fileKey));
        }
        return Header.create(stanzas, fileKey);
    }

    /**
     * Reads the header from {@code in}, unwraps the file key with the first identity that can, verifies
     * the header MAC and returns the plaintext stream, which reads the rest of {@code in}.
     *
     * @throws AgeException of kind {@code HEADER} for a malformed header (including an scrypt stanza
     *     that is not alone, and a file that ends before the payload nonce), {@code NO_MATCH} if no
     *     identity unwraps a stanza, {@code HMAC} if the header MAC does not verify
     */
    public static Decryption decrypt(InputStream in, List<? extends Identity> identities) throws IOException {
        Objects.requireNonNull(in, "in");
        InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
        Header header = Header.read(buffered);
        FileKey fileKey = unwrap(header, identities);
        try {
            header.verifyMac(fileKey);
            byte[] payloadNonce = buffered.readNBytes(16);
            if (payloadNonce.length != 16) {
                throw new AgeException(
                        AgeException.Kind.HEADER, "the age file ends after its header, before the payload nonce");
            }
            return new Decryption(header, fileKey, new PayloadDecryptor(buffered, fileKey, payloadNonce));
        } catch (RuntimeException | IOException e) {
            fileKey.close();
            throw e;
        }
    }

    /** Unwraps the file key of {@code header} with the first identity, in order, that can. */
    public static FileKey unwrap(Header header, List<? extends Identity> identities) {
        List<Stanza> stanzas = header.stanzas();
        if (stanzas.size() > 1 && stanzas.stream().anyMatch(s -> s.type().equals("scrypt"))) {
            throw new AgeException(
                    AgeException.Kind.HEADER,
                    "malformed age header: an scrypt (passphrase) stanza must be the only stanza of the header");
        }
        if (identities.isEmpty()) {
            throw new AgeException(AgeException.Kind.NO_MATCH, "no identity was given to decrypt the age file with");
        }
        for (Identity identity : identities) {
            Optional<FileKey> fileKey = identity.unwrap(stanzas);
            if (fileKey.isPresent()) {
                return fileKey.get();
            }
        }
        Set<String> types = stanzas.stream().map(Stanza::type).collect(Collectors.toCollection(LinkedHashSet::new));
        throw new AgeException(
                AgeException.Kind.NO_MATCH,
                "none of the identities ("
                        + identities.stream().map(Identity::describe).collect(Collectors.joining(", "))
                        + ") can unwrap any of the file's " + stanzas.size() + " recipient stanzas (types "
                        + String.join(", ", types) + "); use the identity the file was encrypted to");
    }

    private static void checkRecipients(List<? extends Recipient> recipients) {
        if (recipients.isEmpty()) {
            throw new SymbolonException(ErrorCode.BAD_RECIPIENT, "an age file needs at least one recipient");
        }
        if (recipients.size() > 1 && recipients.stream().anyMatch(Recipient::requiresSoleStanza)) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "a passphrase (scrypt) recipient must be the only recipient of an age file");
        }
        requireNoPostQuantumMix(recipients);
    }

    /**
     * Refuses recipients that mix post-quantum and classic kinds (age.md: a file encrypted to a
     * post-quantum recipient "SHOULD NOT" also be encrypted to others; the age program refuses).
     *
     * @throws SymbolonException {@link ErrorCode#BAD_RECIPIENT} with {@link #MIXED_POST_QUANTUM}
     */
    public static void requireNoPostQuantumMix(List<? extends Recipient> recipients) {
        if (recipients.stream().anyMatch(Recipient::postQuantum)
                && !recipients.stream().allMatch(Recipient::postQuantum)) {
            throw new SymbolonException(ErrorCode.BAD_RECIPIENT, MIXED_POST_QUANTUM);
        }
    }
}
