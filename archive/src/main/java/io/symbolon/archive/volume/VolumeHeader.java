package io.symbolon.archive.volume;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The header at the start of every volume (ARCHIVE-FORMAT.md §13.2), with seed 004's fields:
 *
 * <pre>
 * format: symbolon-volume/1
 * backup: database_2026-11-23-03-42-38.tar.gz     the archive's name (metadata)
 * archive-id: 69d96cc772b4ac8d941abb81b59d1cb4    the archive's id (metadata)
 * archive-created: 2026-11-23T03:42:38Z           when the backup was taken
 * volume-set: 0f3c…                               32 hex, random per split: the volumes' common id
 * created: 2026-11-24T09:00:00Z                   when the archive was split
 * volume: 2 of 3
 * custodians: 3                                   only when the volumes are given to custodians
 * custodian: 2 bob                                only with custodians: who keeps this volume
 * wrapped-keys: yes                               whether it holds bytes of the age header
 * total-size: 201327
 * total-sha256: …                                 of the complete archive file
 * offset: 99328
 * size: 99328
 * part-sha256: …                                  of this volume's part
 * check: sha256:…                                 of every byte above
 * </pre>
 *
 * The part follows immediately: exactly {@code size} bytes, then the end of the file.
 *
 * @param custodian the custodian who keeps this volume, with the set's size, if custodians are used
 */
public record VolumeHeader(
        String backup,
        String archiveId,
        Instant archiveCreated,
        String volumeSet,
        Instant created,
        int volume,
        int volumes,
        Optional<Keeper> custodian,
        boolean wrappedKeys,
        long totalSize,
        String totalSha256,
        long offset,
        long size,
        String partSha256) {
    static final String FORMAT = "symbolon-volume/1";
    /** The most bytes a header takes; a volume holds at most its maximum size minus this. */
    public static final int MAX_LENGTH = 1024;
    /** The most volumes one archive is split into (three digits in the file names). */
    public static final int MAX_VOLUMES = 999;

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e&&[^/\\\\]]{1,255}");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final Pattern CUSTODIAN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}");

    /**
     * The custodian who keeps a volume (seed 004: the owner of the smart card).
     *
     * @param number their number in the set
     * @param total the set's size
     * @param name their name
     */
    public record Keeper(int number, int total, String name) {
        public Keeper {
            if (total < 1
                    || total > 16
                    || number < 1
                    || number > total
                    || !CUSTODIAN_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid custodian " + number + " of " + total);
            }
        }
    }

    public VolumeHeader {
        Objects.requireNonNull(custodian);
        archiveCreated = archiveCreated.truncatedTo(ChronoUnit.SECONDS);
        created = created.truncatedTo(ChronoUnit.SECONDS);
        check(NAME.matcher(backup).matches(), "backup name");
        check(HEX32.matcher(archiveId).matches(), "archive id");
        check(HEX32.matcher(volumeSet).matches(), "volume set id");
        check(volumes >= 1 && volumes <= MAX_VOLUMES && volume >= 1 && volume <= volumes, "volume number");
        check(totalSize >= 0 && offset >= 0 && size >= 0 && offset + size <= totalSize, "sizes");
        check(HEX64.matcher(totalSha256).matches() && HEX64.matcher(partSha256).matches(), "hashes");
    }

    /** The volume's file name: {@code <archive>.vol002-of-003}. */
    public static String fileName(String archiveName, int volume, int volumes) {
        return String.format("%s.vol%03d-of-%03d", archiveName, volume, volumes);
    }

    /** For messages: {@code volume 2 of 3 of database_….tar.gz}. */
    public String label() {
        return "volume " + volume + " of " + volumes + " of " + backup;
    }

    /** The header's bytes, ending with the check line. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_LENGTH);
        for (String[] field : fields()) {
            out.writeBytes((field[0] + ": " + field[1] + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] body = out.toByteArray();
        out.writeBytes(("check: sha256:" + sha256Hex(body) + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] encoded = out.toByteArray();
        if (encoded.length > MAX_LENGTH) {
            throw new IllegalStateException("a volume header exceeds " + MAX_LENGTH + " bytes");
        }
        return encoded;
    }

    private List<String[]> fields() {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"format", FORMAT});
        fields.add(new String[] {"backup", backup});
        fields.add(new String[] {"archive-id", archiveId});
        fields.add(new String[] {"archive-created", time(archiveCreated)});
        fields.add(new String[] {"volume-set", volumeSet});
        fields.add(new String[] {"created", time(created)});
        fields.add(new String[] {"volume", volume + " of " + volumes});
        custodian.ifPresent(keeper -> {
            fields.add(new String[] {"custodians", Integer.toString(keeper.total())});
            fields.add(new String[] {"custodian", keeper.number() + " " + keeper.name()});
        });
        fields.add(new String[] {"wrapped-keys", wrappedKeys ? "yes" : "no"});
        fields.add(new String[] {"total-size", Long.toString(totalSize)});
        fields.add(new String[] {"total-sha256", totalSha256});
        fields.add(new String[] {"offset", Long.toString(offset)});
        fields.add(new String[] {"size", Long.toString(size)});
        fields.add(new String[] {"part-sha256", partSha256});
        return fields;
    }

    /**
     * Reads a header from the start of {@code in}, consuming exactly its bytes.
     *
     * @param source the volume's file, for messages
     * @throws SymbolonException {@link ErrorCode#VOLUME_INVALID} naming {@code source} if it is not a
     *     volume, its header is damaged, or not canonical
     */
    public static VolumeHeader read(InputStream in, String source) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(MAX_LENGTH);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw invalid(source, lines.isEmpty() && raw.size() == 0 ? "is empty" : "ends inside its header");
            }
            raw.write(b);
            if (raw.size() > MAX_LENGTH) {
                throw invalid(
                        source,
                        lines.isEmpty()
                                ? "is not a Symbolon volume"
                                : "has a header longer than " + MAX_LENGTH + " bytes: it is damaged");
            }
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            lines.add(line.toString());
            line.setLength(0);
            if (lines.size() == 1 && !lines.getFirst().equals("format: " + FORMAT)) {
                throw invalid(
                        source,
                        lines.getFirst().startsWith("format: symbolon-volume/")
                                ? "is a volume of a format this Symbolon does not read"
                                : "is not a Symbolon volume (it does not start with 'format: " + FORMAT + "')");
            }
            if (lines.getLast().startsWith("check: ")) {
                break;
            }
        }
        byte[] bytes = raw.toByteArray();
        byte[] body =
                java.util.Arrays.copyOf(bytes, bytes.length - lines.getLast().length() - 1);
        if (!lines.getLast().equals("check: sha256:" + sha256Hex(body))) {
            throw invalid(source, "has a damaged header: its check line does not match its content");
        }
        VolumeHeader header = parse(lines.subList(0, lines.size() - 1), source);
        if (!java.util.Arrays.equals(header.encode(), bytes)) {
            throw invalid(source, "has a header that is not in canonical form");
        }
        return header;
    }

    private static VolumeHeader parse(List<String> lines, String source) {
        java.util.Iterator<String> it = lines.iterator();
        try {
            value(it, "format", source);
            String backup = value(it, "backup", source);
            String archiveId = value(it, "archive-id", source);
            Instant archiveCreated = Instant.parse(value(it, "archive-created", source));
            String volumeSet = value(it, "volume-set", source);
            Instant created = Instant.parse(value(it, "created", source));
            String[] volume = value(it, "volume", source).split(" of ", -1);
            check(volume.length == 2, "volume number");
            Optional<Keeper> keeper = Optional.empty();
            String next = it.hasNext() ? it.next() : "";
            if (next.startsWith("custodians: ")) {
                int total = decimal(next.substring("custodians: ".length()));
                String[] custodian = value(it, "custodian", source).split(" ", -1);
                check(custodian.length == 2, "custodian");
                keeper = Optional.of(new Keeper(decimal(custodian[0]), total, custodian[1]));
                next = it.hasNext() ? it.next() : "";
            }
            check(next.equals("wrapped-keys: yes") || next.equals("wrapped-keys: no"), "wrapped-keys");
            VolumeHeader header = new VolumeHeader(
                    backup,
                    archiveId,
                    archiveCreated,
                    volumeSet,
                    created,
                    decimal(volume[0]),
                    decimal(volume[1]),
                    keeper,
                    next.endsWith("yes"),
                    decimalLong(value(it, "total-size", source)),
                    value(it, "total-sha256", source),
                    decimalLong(value(it, "offset", source)),
                    decimalLong(value(it, "size", source)),
                    value(it, "part-sha256", source));
            check(!it.hasNext(), "layout");
            return header;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(source, "has a malformed header (" + e.getMessage() + ")");
        }
    }

    private static String value(java.util.Iterator<String> it, String key, String source) {
        String line = it.hasNext() ? it.next() : "";
        if (!line.startsWith(key + ": ")) {
            throw invalid(source, "has a malformed header: expected '" + key + ": …'");
        }
        return line.substring(key.length() + 2);
    }

    private static int decimal(String text) {
        long value = decimalLong(text);
        check(value <= Integer.MAX_VALUE, "number");
        return (int) value;
    }

    private static long decimalLong(String text) {
        check(DECIMAL.matcher(text).matches(), "decimal");
        return Long.parseLong(text);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static SymbolonException invalid(String source, String problem) {
        return new SymbolonException(ErrorCode.VOLUME_INVALID, "volume " + source + " " + problem);
    }
}
