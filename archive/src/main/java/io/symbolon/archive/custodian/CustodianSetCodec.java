package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.recipient.Fingerprints;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.recipient.X25519Recipient;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The custodian set file and its canonical encoding (ARCHIVE-FORMAT.md §12.1):
 *
 * <pre>
 * format: symbolon-custodian-set/1
 * name: finance
 * threshold: 2
 * passphrase-work-factor: 18
 * custodian: 1 alice X25519 age1…
 * custodian: 2 bob ssh-rsa AAAAB3NzaC1yc2E…
 * custodian: 3 carol passphrase
 * </pre>
 *
 * A file may also hold comment lines ({@code #}) and blank lines; the canonical encoding — which the
 * fingerprint hashes and the archive metadata records — has none. This is the loader a coordinated
 * backup uses to name a custodian set in its settings.
 */
public final class CustodianSetCodec {
    static final String FORMAT = "symbolon-custodian-set/1";
    /** The recipient kind of custodian sets in metadata and rekey logs: the stanza type. */
    public static final String KIND = ComponentStanza.TYPE;

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern CUSTODIAN = Pattern.compile("(\\S+) (\\S+) (X25519|ssh-rsa|passphrase)(?: (\\S+))?");
    private static final int MAX_FILE_BYTES = 1 << 20;

    private CustodianSetCodec() {}

    /** The canonical encoding: UTF-8 (in fact ASCII), LF line ends, no comments. */
    public static byte[] encode(CustodianSet set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        line(out, "format", FORMAT);
        line(out, "name", set.name());
        line(out, "threshold", Integer.toString(set.threshold()));
        line(out, "passphrase-work-factor", Integer.toString(set.passphraseWorkFactor()));
        for (Custodian custodian : set.custodians()) {
            line(
                    out,
                    "custodian",
                    custodian.number() + " " + custodian.name() + " " + custodian.kind()
                            + custodian
                                    .publicKey()
                                    .map(key -> " " + publicKey(key))
                                    .orElse(""));
        }
        return out.toByteArray();
    }

    /**
     * Reads a set file (comments and blank lines allowed).
     *
     * @throws SymbolonException {@link ErrorCode#NOT_FOUND}, {@link ErrorCode#IO}, or {@link
     *     ErrorCode#MALFORMED} naming the file and line
     */
    public static CustodianSet load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new SymbolonException(
                        ErrorCode.MALFORMED, "custodian set file " + file + " is larger than 1 MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SymbolonException(ErrorCode.NOT_FOUND, "custodian set file " + file + " does not exist");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read custodian set file " + file + ": " + e.getMessage());
        }
        return decode(new String(bytes, StandardCharsets.UTF_8), "custodian set file " + file, true);
    }

    /** Writes {@code set} to a new file (never replacing one) in its canonical encoding. */
    public static void write(CustodianSet set, Path file) {
        try {
            Files.write(file, encode(set), java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new SymbolonException(ErrorCode.ALREADY_EXISTS, file + " already exists; choose another file");
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The record of a set in an archive's metadata or rekey log (ARCHIVE-FORMAT.md §4.2). */
    public static RecipientDescriptor descriptor(CustodianSet set) {
        return new RecipientDescriptor(KIND, set.fingerprint(), Optional.of(Base64Raw.encode(encode(set))));
    }

    /**
     * The set a descriptor records, checked against its fingerprint.
     *
     * @throws SymbolonException {@link ErrorCode#BAD_RECIPIENT} if it is not a custodian set's record
     */
    public static CustodianSet fromDescriptor(RecipientDescriptor descriptor) {
        if (!descriptor.kind().equals(KIND) || descriptor.publicKey().isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT, "recipient " + descriptor.fingerprint() + " is not a custodian set");
        }
        byte[] encoded = Base64Raw.decodeOrNull(descriptor.publicKey().get());
        if (encoded == null) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "the recorded custodian set " + descriptor.fingerprint() + " is not canonical base64");
        }
        CustodianSet set;
        try {
            set = decodeCanonical(encoded, "the recorded custodian set " + descriptor.fingerprint());
        } catch (SymbolonException e) {
            throw new SymbolonException(ErrorCode.BAD_RECIPIENT, e.getMessage());
        }
        if (!set.fingerprint().equals(descriptor.fingerprint())) {
            throw new SymbolonException(
                    ErrorCode.BAD_RECIPIENT,
                    "the recorded custodian set " + descriptor.fingerprint() + " does not match its description");
        }
        return set;
    }

    /** Decodes the canonical encoding only: no comment, no blank line, nothing that re-encodes differently. */
    static CustodianSet decodeCanonical(byte[] encoded, String source) {
        CustodianSet set = decode(new String(encoded, StandardCharsets.UTF_8), source, false);
        if (!java.util.Arrays.equals(encode(set), encoded)) {
            throw new SymbolonException(ErrorCode.MALFORMED, source + " is not in canonical form");
        }
        return set;
    }

    private static CustodianSet decode(String text, String source, boolean lenient) {
        if (!text.endsWith("\n")) {
            throw malformed(source, "does not end with a line feed");
        }
        String[] raw = text.substring(0, text.length() - 1).split("\n", -1);
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            if (lenient && (line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            lines.add(line);
            numbers.add(i + 1);
        }
        Reader reader = new Reader(lines, numbers, source);
        String format = reader.value("format");
        if (!format.equals(FORMAT)) {
            throw new SymbolonException(
                    format.startsWith("symbolon-custodian-set/") ? ErrorCode.UNSUPPORTED_VERSION : ErrorCode.MALFORMED,
                    source + ": unsupported format '" + format + "'; this Symbolon reads " + FORMAT);
        }
        String name = reader.value("name");
        int threshold = reader.decimal("threshold");
        int workFactor = reader.decimal("passphrase-work-factor");
        List<Custodian> custodians = new ArrayList<>();
        while (reader.hasNext()) {
            custodians.add(reader.custodian());
        }
        try {
            return new CustodianSet(name, threshold, workFactor, custodians);
        } catch (IllegalArgumentException e) {
            throw malformed(source, e.getMessage());
        }
    }

    private static String publicKey(Recipient key) {
        return switch (key) {
            case X25519Recipient x25519 -> x25519.encoded();
            case SshRsaRecipient rsa -> rsa.sshLine("").strip().split(" ")[1];
            default -> throw new IllegalArgumentException("unsupported custodian key " + key.kind());
        };
    }

    private static void line(ByteArrayOutputStream out, String key, String value) {
        out.writeBytes((key + ": " + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static SymbolonException malformed(String source, String problem) {
        return new SymbolonException(ErrorCode.MALFORMED, source + ": " + problem);
    }

    /** Reads the lines in their fixed order. */
    private static final class Reader {
        private final List<String> lines;
        private final List<Integer> numbers;
        private final String source;
        private int next;

        Reader(List<String> lines, List<Integer> numbers, String source) {
            this.lines = lines;
            this.numbers = numbers;
            this.source = source;
        }

        boolean hasNext() {
            return next < lines.size();
        }

        String value(String key) {
            if (!hasNext()) {
                throw malformed(source, "ends before its '" + key + ":' line");
            }
            String line = lines.get(next);
            String prefix = key + ": ";
            if (!line.startsWith(prefix)) {
                throw malformed(source, "line " + numbers.get(next) + " should be '" + key + ": …'");
            }
            next++;
            return line.substring(prefix.length());
        }

        int decimal(String key) {
            int line = hasNext() ? numbers.get(next) : -1;
            String value = value(key);
            if (!DECIMAL.matcher(value).matches()) {
                throw malformed(source, "line " + line + ": " + key + " is not a decimal number");
            }
            return Integer.parseInt(value);
        }

        Custodian custodian() {
            int line = numbers.get(next);
            Matcher fields = CUSTODIAN.matcher(value("custodian"));
            if (!fields.matches() || !DECIMAL.matcher(fields.group(1)).matches()) {
                throw malformed(
                        source,
                        "line " + line + " should be 'custodian: NUMBER NAME X25519 age1…',"
                                + " 'custodian: NUMBER NAME ssh-rsa AAAA…' or 'custodian: NUMBER NAME passphrase'");
            }
            int number = Integer.parseInt(fields.group(1));
            String kind = fields.group(3);
            String key = fields.group(4);
            if (kind.equals(Fingerprints.PASSPHRASE) != (key == null)) {
                throw malformed(
                        source,
                        "line " + line + ": "
                                + (key == null
                                        ? "a " + kind + " custodian needs a public key"
                                        : "a passphrase has no key"));
            }
            try {
                return switch (kind) {
                    case "X25519" -> Custodian.withKey(number, fields.group(2), X25519Recipient.parse(key));
                    case "ssh-rsa" ->
                        Custodian.withKey(number, fields.group(2), SshRsaRecipient.parseSshLine("ssh-rsa " + key));
                    default -> Custodian.withPassphrase(number, fields.group(2));
                };
            } catch (SymbolonException | IllegalArgumentException e) {
                throw malformed(source, "line " + line + ": " + e.getMessage());
            }
        }
    }
}
