package io.symbolon.archive.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared-entries hash (ARCHIVE-FORMAT.md §5.5): the SHA-256 of the entry lines of every section
 * that is not node-local, which a coordinated backup compares instead of streaming two equal digests.
 */
class DigestSharedHashTest {

    private static DigestEntry entry(String section, int n, String name) {
        return new DigestEntry(section, "AES-256", String.format("%08x", n), 1, 3, "ab".repeat(32), "root", name);
    }

    /** Keys 0..count-1, each key n in {@code localAt} followed by a node-local user of uid n-u. */
    private static List<DigestEntry> entries(int count, String keyName, int... localAt) {
        List<DigestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry("KEY", i, keyName + i));
            for (int local : localAt) {
                if (local == i) {
                    entries.add(new DigestEntry(
                            "LOCAL_USER", "USER", String.format("%08x-u", i), 1, 3, "cd".repeat(32), "root", "user"));
                }
            }
        }
        return entries;
    }

    private record Written(byte[] bytes, DigestSummary summary) {}

    private static Written write(List<DigestEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DigestWriter writer = new DigestWriter(out);
        entries.forEach(writer::add);
        DigestSummary summary = writer.finish();
        return new Written(out.toByteArray(), summary);
    }

    private static DigestSummary read(byte[] digest) {
        return DigestReader.readAll(new ByteArrayInputStream(digest), "digest.txt", entry -> {});
    }

    @Test
    void theSharedHashIsTheSha256OfTheSharedEntryLinesAlone() throws Exception {
        Written written = write(entries(3, "key-", 1));
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (String line : new String(written.bytes(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("KEY\t")) {
                expected.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }

        assertThat(written.summary().sharedSha256()).contains(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void digestsThatDifferOnlyInNodeLocalEntriesShareTheHashButNotTheRoot() {
        Written ep = write(entries(5000, "key-", 0, 2500, 4999));
        Written partner = write(entries(5000, "key-"));

        assertThat(ep.summary().sharedSha256()).isEqualTo(partner.summary().sharedSha256());
        assertThat(ep.summary().root()).isNotEqualTo(partner.summary().root());
    }

    @Test
    void anyDifferenceInASharedEntryChangesTheHash() {
        List<DigestEntry> renamed = entries(5000, "key-");
        renamed.set(4321, entry("KEY", 4321, "renamed"));

        assertThat(write(renamed).summary().sharedSha256())
                .isNotEqualTo(write(entries(5000, "key-")).summary().sharedSha256());
    }

    @Test
    void theReaderComputesTheHashTheWriterStated() {
        // Spans many 64 KiB blocks, with node-local lines at a block's start, middle and end.
        Written written = write(entries(20_000, "a-longer-key-name-", 0, 1, 555, 9_999, 19_999));

        DigestSummary read = read(written.bytes());

        assertThat(read.sharedSha256()).isPresent().isEqualTo(written.summary().sharedSha256());
        assertThat(read).isEqualTo(written.summary());
    }

    @Test
    void aSummaryReadFromTheTrailerAloneHasNoSharedHash() {
        byte[] digest = write(entries(10, "key-", 3)).bytes();
        byte[] tail = java.util.Arrays.copyOfRange(digest, digest.length - 200, digest.length);

        assertThat(DigestReader.trailer(tail, "digest.txt").sharedSha256()).isEmpty();
    }
}
