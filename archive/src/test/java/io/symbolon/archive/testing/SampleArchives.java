package io.symbolon.archive.testing;

import io.symbolon.archive.ArchiveDescription;
import io.symbolon.archive.ArchiveWriter;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.signature.NodeSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes small, deterministic-content archives for tests. */
public final class SampleArchives {
    private SampleArchives() {}

    public static ArchiveDescription description(String role, Instant created) {
        return new ArchiveDescription(
                "symbolon test",
                role,
                "pair-0001",
                "node-" + role.toLowerCase(),
                List.of("EP : ep1", "Partner : partner1"),
                7,
                created);
    }

    /** The digest entry of the object numbered {@code i}. */
    public static DigestEntry entry(int i) {
        String section = i % 10 == 0 ? "CERTIFICATE" : i % 7 == 0 ? "DATA" : "KEY";
        return new DigestEntry(
                section,
                section.equals("KEY") ? "AES-256" : section.equals("DATA") ? "SECRET" : "X509",
                String.format("0x00%016x", i * 7919L + 1),
                1 + i % 3,
                7,
                fingerprint("attributes " + i),
                "part" + (i % 4),
                "object " + i);
    }

    /** A realistic-looking record for the object numbered {@code i}. */
    public static byte[] record(int i) {
        return ("{\"uid\":\"" + entry(i).uid() + "\",\"name\":\"object " + i + "\",\"share\":\""
                        + fingerprint("share " + i) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static List<byte[]> records(int count) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(i));
        }
        return records;
    }

    /** Writes {@code count} objects into {@code directory}. */
    public static WrittenArchive write(
            Path directory,
            String role,
            Instant created,
            int count,
            List<? extends Recipient> recipients,
            NodeSigner signer) {
        try (ArchiveWriter writer = ArchiveWriter.create(
                directory, description(role, created), recipients, signer, WriteOptions.defaults())) {
            for (int i = 0; i < count; i++) {
                writer.add(entry(i), record(i));
            }
            return writer.finish();
        }
    }

    private static String fingerprint(String text) {
        try {
            return DigestEntry.fingerprintOf(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
