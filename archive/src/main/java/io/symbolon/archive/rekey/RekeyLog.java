package io.symbolon.archive.rekey;

import io.symbolon.archive.ArchiveException;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * The rekey log member (ARCHIVE-FORMAT.md §9): one entry per re-key or data-key rotation, saying when,
 * which recipients were added and removed, and the SHA-256 of the age header it produced (a rotation's
 * new payload is bound by the countersignature instead). Anyone can read it and check that its last entry describes the current
 * header; a MAC keyed from the file key authenticates it to anyone who can decrypt the archive.
 *
 * <pre>
 * format: symbolon-rekey-log/1
 * rekey: 2026-11-23T10:00:00Z            (or rotate-data-key: …)
 * header: sha256:&lt;hex&gt;
 * add: &lt;recipient descriptor&gt;            (any number)
 * remove: &lt;fingerprint&gt;                   (any number)
 * …more entries…
 * mac: &lt;base64 HMAC-SHA-256 of every byte above, key = HKDF-SHA-256(file key, "", "symbolon-rekey-log/1")&gt;
 * </pre>
 */
public final class RekeyLog {
    static final String FORMAT_LINE = "format: symbolon-rekey-log/1";
    private static final byte[] MAC_INFO = "symbolon-rekey-log/1".getBytes(StandardCharsets.US_ASCII);

    /** One re-key or rotation. */
    public record Entry(
            Operation operation,
            Instant time,
            String headerSha256,
            List<RecipientDescriptor> added,
            List<String> removed) {
        public Entry {
            time = time.truncatedTo(ChronoUnit.SECONDS);
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            if (!headerSha256.matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("header hash must be sha256:<hex>");
            }
        }
    }

    /** What an entry did. */
    public enum Operation {
        REKEY("rekey"),
        ROTATE_DATA_KEY("rotate-data-key");

        private final String label;

        Operation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final List<Entry> entries;
    private final byte[] mac;

    private RekeyLog(List<Entry> entries, byte[] mac) {
        this.entries = List.copyOf(entries);
        this.mac = mac;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** A log with one more entry, MACed under {@code fileKey} (the key the archive has after the entry). */
    public static RekeyLog append(Optional<RekeyLog> previous, Entry entry, FileKey fileKey) {
        List<Entry> all = new ArrayList<>(previous.map(RekeyLog::entries).orElse(List.of()));
        all.add(entry);
        return new RekeyLog(all, mac(body(all), fileKey));
    }

    /** The member's bytes. */
    public byte[] encode() {
        byte[] body = body(entries);
        byte[] last = ("mac: " + Base64.getEncoder().encodeToString(mac) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(body, body.length + last.length);
        System.arraycopy(last, 0, all, body.length, last.length);
        return all;
    }

    /** SHA-256 (hex) of the member as it was after its first {@code count} entries, without the MAC line. */
    public String prefixSha256(int count) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body(entries.subList(0, count))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the MAC; only someone holding the file key can. */
    public void authenticate(FileKey fileKey, String source) {
        if (!MessageDigest.isEqual(mac(body(entries), fileKey), mac)) {
            throw new ArchiveException(
                    ErrorCode.MEMBER_TAMPERED,
                    source,
                    "its MAC does not verify under the archive's file key: the log was modified");
        }
    }

    /** Applies the log to the recipients recorded at creation, giving the current recipients. */
    public List<RecipientDescriptor> currentRecipients(List<RecipientDescriptor> original) {
        Map<String, RecipientDescriptor> current = new LinkedHashMap<>();
        original.forEach(r -> current.put(r.fingerprint(), r));
        for (Entry entry : entries) {
            entry.removed().forEach(current::remove);
            entry.added().forEach(r -> current.put(r.fingerprint(), r));
        }
        return List.copyOf(current.values());
    }

    public static RekeyLog decode(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n") || text.indexOf('\r') >= 0) {
            throw malformed(source, "must be text with LF line endings");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].equals(FORMAT_LINE)) {
            if (lines[0].startsWith("format: symbolon-rekey-log/")) {
                throw new ArchiveException(
                        ErrorCode.UNSUPPORTED_VERSION,
                        source,
                        "rekey log format " + lines[0].substring(27)
                                + " is not supported by this version; use a newer Symbolon");
            }
            throw malformed(source, "line 1 must be '" + FORMAT_LINE + "'");
        }
        List<Entry> entries = new ArrayList<>();
        int i = 1;
        try {
            while (i < lines.length - 1) {
                String[] head = split(lines[i++]);
                Operation operation = switch (head[0]) {
                    case "rekey" -> Operation.REKEY;
                    case "rotate-data-key" -> Operation.ROTATE_DATA_KEY;
                    default ->
                        throw new IllegalArgumentException("line " + i + ": expected 'rekey:' or 'rotate-data-key:'");
                };
                Instant time = Instant.parse(head[1]);
                String[] header = split(lines[i++]);
                if (!header[0].equals("header")) {
                    throw new IllegalArgumentException("line " + i + ": expected 'header:'");
                }
                List<RecipientDescriptor> added = new ArrayList<>();
                while (i < lines.length - 1 && lines[i].startsWith("add: ")) {
                    added.add(RecipientDescriptor.decode(split(lines[i++])[1]));
                }
                List<String> removed = new ArrayList<>();
                while (i < lines.length - 1 && lines[i].startsWith("remove: ")) {
                    removed.add(split(lines[i++])[1]);
                }
                entries.add(new Entry(operation, time, header[1], added, removed));
            }
        } catch (RuntimeException e) {
            throw malformed(source, e.getMessage());
        }
        if (entries.isEmpty() || !lines[lines.length - 1].startsWith("mac: ")) {
            throw malformed(source, "must hold at least one entry and end with its 'mac:' line");
        }
        byte[] mac;
        try {
            mac = Base64.getDecoder().decode(lines[lines.length - 1].substring(5));
        } catch (IllegalArgumentException e) {
            throw malformed(source, "the MAC is not valid base64");
        }
        RekeyLog log = new RekeyLog(entries, mac);
        if (!java.util.Arrays.equals(log.encode(), bytes)) {
            throw malformed(source, "not in canonical form");
        }
        return log;
    }

    private static String[] split(String line) {
        int colon = line.indexOf(": ");
        if (colon <= 0) {
            throw new IllegalArgumentException(
                    "malformed line '" + (line.length() > 40 ? line.substring(0, 40) : line) + "'");
        }
        return new String[] {line.substring(0, colon), line.substring(colon + 2)};
    }

    private static byte[] body(List<Entry> entries) {
        StringBuilder out = new StringBuilder(FORMAT_LINE).append('\n');
        for (Entry entry : entries) {
            out.append(entry.operation().label())
                    .append(": ")
                    .append(entry.time())
                    .append('\n');
            out.append("header: ").append(entry.headerSha256()).append('\n');
            entry.added().forEach(r -> out.append("add: ").append(r.encode()).append('\n'));
            entry.removed().forEach(f -> out.append("remove: ").append(f).append('\n'));
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mac(byte[] body, FileKey fileKey) {
        try {
            SecretKey key = KDF.getInstance("HKDF-SHA256")
                    .deriveKey(
                            "HmacSHA256",
                            HKDFParameterSpec.ofExtract()
                                    .addIKM(fileKey.secret().reveal())
                                    .thenExpand(MAC_INFO, 32));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 or HMAC-SHA256 is unavailable in this JDK", e);
        }
    }

    private static ArchiveException malformed(String source, String message) {
        return new ArchiveException(ErrorCode.MALFORMED, source, message);
    }
}
