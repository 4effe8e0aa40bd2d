package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.recipient.ScryptIdentity;
import io.symbolon.archive.recipient.ScryptRecipient;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The recovering operator's one-time key for a custodian ceremony (ARCHIVE-FORMAT.md §12.4): an X25519
 * key pair whose public half custodians seal their contributions to, and whose private half exists only
 * in memory and, between commands, in a session file encrypted with the operator's passphrase (an age
 * scrypt file). The session expires; {@link #end(Path)} overwrites and deletes the file, after which the
 * contributions sealed to it can never be opened again.
 *
 * <pre>
 * format: symbolon-custodian-session/1
 * recipient: age1…
 * created: 2026-11-23T10:00:00Z
 * expires: 2026-11-24T10:00:00Z
 * key: &lt;base64 of an age scrypt file; plaintext = every byte above || AGE-SECRET-KEY-1… LF&gt;
 * </pre>
 */
public final class Session implements AutoCloseable {
    static final String FORMAT = "symbolon-custodian-session/1";
    /** How long a session lasts unless told otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    private static final int MAX_FILE_BYTES = 64 * 1024;

    private final X25519Identity identity;
    private final Instant created;
    private final Instant expires;

    private Session(X25519Identity identity, Instant created, Instant expires) {
        this.identity = identity;
        this.created = created.truncatedTo(ChronoUnit.SECONDS);
        this.expires = expires.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A fresh session key, valid from {@code now} for {@code validity} (at most 30 days). */
    public static Session start(Instant now, Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(Duration.ofDays(30)) > 0) {
            throw new SymbolonException(ErrorCode.USAGE, "a session lasts more than 0 and at most 30 days");
        }
        return new Session(X25519Identity.generate(), now, now.plus(validity));
    }

    /** The public key custodians seal their contributions to. */
    public X25519Recipient recipient() {
        return identity.recipient();
    }

    public Instant created() {
        return created;
    }

    public Instant expires() {
        return expires;
    }

    /** The private key, for opening contributions; closed with the session. */
    Identity identity() {
        return identity;
    }

    /**
     * Writes the session file, the private key encrypted under {@code passphrase} with scrypt at work
     * factor {@code 2^workFactor}; the file is created new, readable by its owner only where the file
     * system allows.
     */
    public void write(Path file, char[] passphrase, int workFactor) {
        byte[] plaintext = null;
        try (ScryptRecipient recipient = new ScryptRecipient(passphrase, workFactor)) {
            ByteArrayOutputStream sealed = new ByteArrayOutputStream(512);
            byte[] publicPart = publicPart();
            plaintext = withSecret(publicPart);
            try (OutputStream out = Age.encrypt(sealed, List.of(recipient))) {
                out.write(plaintext);
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(1024);
            content.writeBytes(publicPart);
            content.writeBytes(("key: " + Base64.getEncoder().encodeToString(sealed.toByteArray()) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            createPrivate(file);
            Files.write(file, content.toByteArray(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new SymbolonException(
                    ErrorCode.ALREADY_EXISTS, file + " already exists; choose another session file");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write the session file " + file + ": " + e.getMessage());
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /** The session's public key, read from its file without the passphrase. */
    public static X25519Recipient recipientOf(Path file) {
        String[] lines = lines(file);
        return X25519Recipient.parse(value(lines, 1, "recipient", file));
    }

    /**
     * Opens a session file with its passphrase.
     *
     * @throws SymbolonException {@link ErrorCode#WRONG_PASSWORD} for a wrong passphrase, {@link
     *     ErrorCode#CUSTODIAN_INVALID} for an expired, altered or malformed session
     */
    public static Session open(Path file, char[] passphrase, Instant now) {
        String[] lines = lines(file);
        X25519Recipient recipient = X25519Recipient.parse(value(lines, 1, "recipient", file));
        Instant created = time(value(lines, 2, "created", file), file);
        Instant expires = time(value(lines, 3, "expires", file), file);
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(value(lines, 4, "key", file));
        } catch (IllegalArgumentException e) {
            throw malformed(file, "its key is not base64");
        }
        byte[] plaintext = null;
        try (ScryptIdentity scrypt = new ScryptIdentity(passphrase);
                Age.Decryption decryption = Age.decrypt(new ByteArrayInputStream(sealed), List.of(scrypt))) {
            plaintext = readAll(decryption.plaintext());
            Session session = new Session(X25519Identity.parse(secretOf(plaintext, file)), created, expires);
            if (!session.recipient().equals(recipient)
                    || !Arrays.equals(session.publicPart(), publicPrefix(plaintext))) {
                session.close();
                throw malformed(file, "its public lines do not match its sealed key: it was altered");
            }
            if (!now.isBefore(expires)) {
                session.close();
                throw new SymbolonException(
                        ErrorCode.CUSTODIAN_INVALID,
                        "session " + file + " expired at " + expires + "; end it, start a new one and ask the"
                                + " custodians for new contributions");
            }
            return session;
        } catch (AgeException e) {
            if (e.kind() == AgeException.Kind.NO_MATCH) {
                throw new SymbolonException(
                        ErrorCode.WRONG_PASSWORD, "wrong passphrase for session " + file + "; try again");
            }
            throw malformed(file, "its sealed key cannot be opened: " + e.getMessage());
        } catch (IOException e) {
            throw malformed(file, "its sealed key cannot be read: " + e.getMessage());
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /**
     * Ends a session: overwrites the file with zeros, forces that to disk and deletes it. Contributions
     * sealed to the session can no longer be opened by anyone.
     */
    public static void end(Path file) {
        recipientOf(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate((int) Math.min(size, MAX_FILE_BYTES));
            long written = 0;
            while (written < size) {
                zeros.clear();
                zeros.limit((int) Math.min(zeros.capacity(), size - written));
                written += channel.write(zeros, written);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot overwrite the session file " + file + ": " + e.getMessage());
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot delete the session file " + file + ": " + e.getMessage());
        }
    }

    private byte[] publicPart() {
        String text = "format: " + FORMAT + "\n"
                + "recipient: " + recipient().encoded() + "\n"
                + "created: " + DateTimeFormatter.ISO_INSTANT.format(created) + "\n"
                + "expires: " + DateTimeFormatter.ISO_INSTANT.format(expires) + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] withSecret(byte[] publicPart) {
        byte[] secret = (identity.encoded() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] plaintext = Arrays.copyOf(publicPart, publicPart.length + secret.length);
        System.arraycopy(secret, 0, plaintext, publicPart.length, secret.length);
        Arrays.fill(secret, (byte) 0);
        return plaintext;
    }

    private static byte[] publicPrefix(byte[] plaintext) {
        int end = plaintext.length - 1;
        while (end > 0 && plaintext[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(plaintext, end);
    }

    private static String secretOf(byte[] plaintext, Path file) {
        byte[] prefix = publicPrefix(plaintext);
        if (plaintext.length == 0 || plaintext[plaintext.length - 1] != '\n') {
            throw malformed(file, "its sealed key is malformed");
        }
        return new String(plaintext, prefix.length, plaintext.length - prefix.length - 1, StandardCharsets.US_ASCII);
    }

    private static String[] lines(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw malformed(file, "it is larger than any session file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "session file " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read session file " + file + ": " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String[] lines =
                text.endsWith("\n") ? text.substring(0, text.length() - 1).split("\n", -1) : new String[0];
        if (lines.length != 5 || !lines[0].equals("format: " + FORMAT)) {
            throw malformed(file, "it is not a " + FORMAT + " file");
        }
        return lines;
    }

    private static String value(String[] lines, int index, String key, Path file) {
        if (!lines[index].startsWith(key + ": ")) {
            throw malformed(file, "line " + (index + 1) + " should be '" + key + ": …'");
        }
        return lines[index].substring(key.length() + 2);
    }

    private static Instant time(String text, Path file) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw malformed(file, "'" + text + "' is not a time");
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readNBytes(MAX_FILE_BYTES);
    }

    private static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static SymbolonException malformed(Path file, String problem) {
        return new SymbolonException(ErrorCode.CUSTODIAN_INVALID, "session file " + file + " is unusable: " + problem);
    }

    /** Wipes the private key. */
    @Override
    public void close() {
        identity.close();
    }

    @Override
    public String toString() {
        return "Session[" + recipient().encoded() + ", expires " + expires + "]";
    }
}
