package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A custodian's contribution (ARCHIVE-FORMAT.md §12.5): their share of one archive's file key,
 * unwrapped with their own key or passphrase and sealed at once to the recovering operator's one-time
 * session key, with the public facts that say what it is for. It can be handed over openly: only the
 * session's private key opens it, and the share inside is checked against the commitment in the
 * archive's header before it is used.
 *
 * <pre>
 * format: symbolon-custodian-contribution/1
 * set: SHA256:…                     the set's fingerprint
 * set-description: …                unpadded base64 of the set's canonical encoding (§12.1)
 * split: …                          the split id of the components in the header
 * custodian: 2                      n
 * custodians: 3                     N
 * threshold: 2                      k
 * component-created: …              the components' creation time
 * commitment: …                     the component's commitment (unpadded base64)
 * archive-id: …                     from the archive's metadata
 * archive-name: database_….tar.gz   from the archive's metadata
 * session: age1…                    the session recipient it is sealed to
 * created: …                        when the custodian made it
 * sealed: …                         base64 of an age file to the session; plaintext = every byte above || share
 * </pre>
 *
 * @param source where it was read from, for messages (not part of the encoding)
 */
public record Contribution(
        CustodianSet set,
        String split,
        int custodian,
        int total,
        int threshold,
        Instant componentCreated,
        String commitment,
        String archiveId,
        String archiveName,
        String session,
        Instant created,
        byte[] sealed,
        String source) {
    static final String FORMAT = "symbolon-custodian-contribution/1";

    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]?");
    private static final Pattern ARCHIVE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String[] KEYS = {
        "format",
        "set",
        "set-description",
        "split",
        "custodian",
        "custodians",
        "threshold",
        "component-created",
        "commitment",
        "archive-id",
        "archive-name",
        "session",
        "created",
        "sealed"
    };
    private static final int MAX_BYTES = 256 * 1024;

    public Contribution {
        Objects.requireNonNull(set);
        componentCreated = componentCreated.truncatedTo(ChronoUnit.SECONDS);
        created = created.truncatedTo(ChronoUnit.SECONDS);
        sealed = sealed.clone();
        Objects.requireNonNull(source);
        if (custodian < 1 || custodian > set.total() || total != set.total() || threshold != set.threshold()) {
            throw new IllegalArgumentException("custodian " + custodian + " of " + total + " (threshold " + threshold
                    + ") does not fit set " + set.label());
        }
        if (!ARCHIVE_ID.matcher(archiveId).matches()
                || !NAME.matcher(archiveName).matches()) {
            throw new IllegalArgumentException("archive id or name is malformed");
        }
        X25519Recipient.parse(session);
        byte[] splitBytes = Base64Raw.decodeOrNull(split);
        byte[] commitmentBytes = Base64Raw.decodeOrNull(commitment);
        if (splitBytes == null || splitBytes.length != ComponentStanza.SPLIT_LENGTH) {
            throw new IllegalArgumentException("the split id is not 16 bytes of unpadded base64");
        }
        if (commitmentBytes == null || commitmentBytes.length != 32) {
            throw new IllegalArgumentException("the commitment is not 32 bytes of unpadded base64");
        }
    }

    /** The custodian who made it. */
    public Custodian custodianOf() {
        return set.custodian(custodian).orElseThrow();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    /** For messages: {@code contribution c2.txt (bob (2) of set finance)}. */
    public String label() {
        return "contribution " + source + " (" + custodianOf().label() + " of set " + set.name() + ")";
    }

    /** Every byte before the {@code sealed:} line: what the sealed plaintext starts with. */
    byte[] unsealedPart() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        String[] values = {
            FORMAT,
            set.fingerprint(),
            Base64Raw.encode(CustodianSetCodec.encode(set)),
            split,
            Integer.toString(custodian),
            Integer.toString(total),
            Integer.toString(threshold),
            DateTimeFormatter.ISO_INSTANT.format(componentCreated),
            commitment,
            archiveId,
            archiveName,
            session,
            DateTimeFormatter.ISO_INSTANT.format(created)
        };
        for (int i = 0; i < values.length; i++) {
            out.writeBytes((KEYS[i] + ": " + values[i] + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** The file's bytes. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.writeBytes(unsealedPart());
        out.writeBytes(
                ("sealed: " + Base64.getEncoder().encodeToString(sealed) + "\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Writes the contribution to a new file (never replacing one). */
    public void write(Path file) {
        try {
            Files.write(file, encode(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new SymbolonException(ErrorCode.ALREADY_EXISTS, file + " already exists; choose another file");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a contribution file.
     *
     * @throws SymbolonException {@link ErrorCode#NOT_FOUND}, {@link ErrorCode#IO}, or {@link
     *     ErrorCode#CUSTODIAN_INVALID} naming the file if it is not a well-formed contribution
     */
    public static Contribution load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid(file.toString(), "is larger than any contribution");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "contribution " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read contribution " + file + ": " + e.getMessage());
        }
        return decode(bytes, file.toString());
    }

    /** Parses the canonical encoding; {@code source} names it in messages. */
    public static Contribution decode(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n")) {
            throw invalid(source, "does not end with a line feed: it is truncated or not a contribution");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length != KEYS.length) {
            throw invalid(source, "has " + lines.length + " lines instead of " + KEYS.length);
        }
        String[] values = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            String prefix = KEYS[i] + ": ";
            if (!lines[i].startsWith(prefix)) {
                throw invalid(source, "line " + (i + 1) + " should be '" + KEYS[i] + ": …'");
            }
            values[i] = lines[i].substring(prefix.length());
        }
        if (!values[0].equals(FORMAT)) {
            throw new SymbolonException(
                    ErrorCode.UNSUPPORTED_VERSION,
                    "contribution " + source + " is not " + FORMAT + " but " + values[0]);
        }
        try {
            byte[] description = Base64Raw.decodeOrNull(values[2]);
            if (description == null) {
                throw invalid(source, "has a set description that is not unpadded base64");
            }
            CustodianSet set = CustodianSetCodec.decodeCanonical(description, "the set described in " + source);
            if (!set.fingerprint().equals(values[1])) {
                throw invalid(source, "describes a set whose fingerprint is not " + values[1] + ": it was altered");
            }
            Contribution contribution = new Contribution(
                    set,
                    values[3],
                    decimal(values[4]),
                    decimal(values[5]),
                    decimal(values[6]),
                    time(values[7]),
                    values[8],
                    values[9],
                    values[10],
                    values[11],
                    time(values[12]),
                    Base64.getDecoder().decode(values[13]),
                    source);
            if (!java.util.Arrays.equals(contribution.encode(), bytes)) {
                throw invalid(source, "is not in canonical form");
            }
            return contribution;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(source, "is malformed: " + e.getMessage());
        } catch (SymbolonException e) {
            if (e.errorCode() == ErrorCode.CUSTODIAN_INVALID) {
                throw e;
            }
            throw invalid(source, "is malformed: " + e.getMessage());
        }
    }

    private static int decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal from 1 to 99");
        }
        return Integer.parseInt(text);
    }

    private static Instant time(String text) {
        Instant time = Instant.parse(text);
        if (!DateTimeFormatter.ISO_INSTANT.format(time).equals(text) || time.getNano() != 0) {
            throw new IllegalArgumentException("'" + text + "' is not yyyy-MM-ddTHH:mm:ssZ");
        }
        return time;
    }

    static SymbolonException invalid(String source, String problem) {
        return new SymbolonException(ErrorCode.CUSTODIAN_INVALID, "contribution " + source + " " + problem);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contribution that && java.util.Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Contribution[" + label() + ", archive " + archiveName + "]";
    }
}
