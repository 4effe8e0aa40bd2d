package io.symbolon.archive.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The byte-level comparison of two digests: lines that are the same bytes are skipped without being
 * decoded, yet every line of both digests is still checked, and what differs is reported as before.
 */
class DigestComparisonTest {

    private static DigestEntry key(int n, String name) {
        return new DigestEntry("KEY", "AES-256", String.format("%08x", n), 1, 3, "ab".repeat(32), "root", name);
    }

    private static List<DigestEntry> keys(int count) {
        List<DigestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(key(i, "key-" + i));
        }
        return entries;
    }

    private static byte[] digest(List<DigestEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DigestWriter writer = new DigestWriter(out);
        entries.forEach(writer::add);
        writer.finish();
        return out.toByteArray();
    }

    private static DigestDiff compare(byte[] ep, byte[] partner) {
        return DigestComparison.compare(
                new DigestReader(new ByteArrayInputStream(ep), "EP's digest.txt"),
                "EP",
                new DigestReader(new ByteArrayInputStream(partner), "the Partner's digest.txt"),
                "Partner",
                100);
    }

    /**
     * A digest written by hand: the format line, the given entry lines as they are, the counts and a
     * root computed over them — so that a line the writer would never produce reaches the reader.
     */
    private static byte[] rawDigest(String section, List<String> lines) throws Exception {
        MessageDigest root = MessageDigest.getInstance("SHA-256");
        StringBuilder text = new StringBuilder("symbolon-digest/1\n");
        root.update("symbolon-digest/1\n".getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            text.append(line).append('\n');
            root.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        text.append("count\t").append(section).append('\t').append(lines.size()).append('\n');
        text.append("root\tsha256:")
                .append(HexFormat.of().formatHex(root.digest()))
                .append('\n');
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void identicalDigestsOfManyEntriesMatchWithoutDifferences() {
        byte[] digest = digest(keys(10_000));
        assertThat(compare(digest, digest.clone()).isEmpty()).isTrue();
    }

    @Test
    void identicalNonAsciiAndEscapedNamesMatch() {
        List<DigestEntry> entries =
                List.of(key(1, "clé de signature"), key(2, "tab\there 100%"), key(3, "键"), key(4, "plain"));
        assertThat(compare(digest(entries), digest(entries)).isEmpty()).isTrue();
    }

    @Test
    void reportsEntriesOnlyOnOneSideAndFieldsThatDifferInTheSeedsWords() {
        List<DigestEntry> ep = new ArrayList<>(keys(50));
        List<DigestEntry> partner = new ArrayList<>(keys(50));
        ep.remove(10); // only in the Partner
        partner.set(30, key(30, "renamed")); // name differs
        partner.remove(20); // only in EP
        DigestDiff diff = compare(digest(ep), digest(partner));

        assertThat(diff.diffRecords()).hasSize(1);
        DigestDiff.SectionDiff section = diff.diffRecords().getFirst();
        assertThat(section.sectionDiff())
                .isEqualTo("Mismatch in KEY entries. EP digest count : 49, Partner digest count : 49");
        assertThat(section.entriesDiff())
                .extracting(DigestDiff.EntryDiff::uid, DigestDiff.EntryDiff::digestSource, DigestDiff.EntryDiff::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0000000a", "Partner", "exists only in Partner"),
                        org.assertj.core.groups.Tuple.tuple("00000014", "EP", "exists only in EP"),
                        org.assertj.core.groups.Tuple.tuple(
                                "0000001e", "EP", "name differs: EP key-30, Partner renamed"));
    }

    @Test
    void aMalformedLineIsRefusedEvenWhenBothDigestsHoldTheSameBytes() throws Exception {
        String good = DigestLine.encode(key(1, "a"));
        String bad = good.replace("\t1\t3\t", "\t01\t3\t"); // version not canonical
        byte[] digest = rawDigest("KEY", List.of(good.replace("00000001", "00000000"), bad));

        assertThatThrownBy(() -> compare(digest, digest.clone()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("version is not a canonical decimal number");
    }

    @Test
    void uidsOutOfOrderAreRefusedEvenWhenBothDigestsHoldTheSameBytes() throws Exception {
        String second = DigestLine.encode(key(2, "b"));
        String first = DigestLine.encode(key(1, "a"));
        byte[] digest = rawDigest("KEY", List.of(second, first));

        assertThatThrownBy(() -> compare(digest, digest.clone()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("uid 00000001 is not after 00000002");
    }

    @Test
    void advanceCountsSectionsAndChecksTheRootAsNextDoes() {
        List<DigestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String section = i % 3 == 0 ? "CERTIFICATE" : i % 3 == 1 ? "KEY" : "LOCAL_STATE";
            entries.add(new DigestEntry(section, "T", String.format("%04d", i), i, 0, "0f".repeat(32), "p", "n" + i));
        }
        byte[] digest = digest(entries);
        DigestReader byEntries = new DigestReader(new ByteArrayInputStream(digest), "digest.txt");
        List<DigestEntry> read = new ArrayList<>();
        for (DigestEntry entry = byEntries.next(); entry != null; entry = byEntries.next()) {
            read.add(entry);
        }
        DigestReader byLines = new DigestReader(new ByteArrayInputStream(digest), "digest.txt");
        int lines = 0;
        while (byLines.advance()) {
            lines++;
        }
        Map<String, Long> expected = new TreeMap<>(Map.of("CERTIFICATE", 10L, "KEY", 10L, "LOCAL_STATE", 10L));
        assertThat(read).isEqualTo(entries);
        assertThat(lines).isEqualTo(30);
        assertThat(byLines.summary().counts()).isEqualTo(expected);
        assertThat(byEntries.summary().counts()).isEqualTo(expected);
        assertThat(byLines.memberSha256()).isEqualTo(byEntries.memberSha256());
    }

    /**
     * The check that lets a plain line skip decoding never accepts what decoding refuses, and does
     * accept the writer's plain lines (otherwise nothing would be skipped): every single-byte change
     * of a few lines, into bytes that matter to the grammar.
     */
    @Test
    void thePlainLineCheckNeverAcceptsALineThatDecodingRefuses() {
        byte[] replacements = {'\t', '%', 0x00, 0x1f, 0x20, 0x7f, (byte) 0x80, (byte) 0xc3, 'A', 'a', 'g', '0', '9', '_'
        };
        java.nio.charset.CharsetDecoder utf8 = DigestLine.strictUtf8();
        int[] tabs = new int[7];
        int accepted = 0;
        List<DigestEntry> samples = List.of(
                key(7, "k"),
                new DigestEntry("A", "t", "u", 0, 999_999_999_999_999_999L, "09".repeat(32), "p", "n"),
                new DigestEntry(
                        "KEY_2", "x".repeat(64), "y".repeat(64), 10, 0, "af".repeat(32), "q".repeat(1024), "z"));
        for (DigestEntry sample : samples) {
            byte[] original = (DigestLine.encode(sample)).getBytes(StandardCharsets.UTF_8);
            assertThat(DigestLine.isPlainCanonical(original, original.length, tabs))
                    .as("the writer's own plain line")
                    .isTrue();
            List<byte[]> variants = new ArrayList<>();
            for (int at = 0; at < original.length; at++) {
                for (byte replacement : replacements) {
                    byte[] changed = original.clone();
                    changed[at] = replacement;
                    variants.add(changed);
                }
                byte[] shorter = new byte[original.length - 1];
                System.arraycopy(original, 0, shorter, 0, at);
                System.arraycopy(original, at + 1, shorter, at, original.length - at - 1);
                variants.add(shorter);
            }
            for (byte[] variant : variants) {
                boolean decodes;
                try {
                    DigestLine.decode(variant, variant.length, utf8);
                    decodes = true;
                } catch (IllegalArgumentException e) {
                    decodes = false;
                }
                if (DigestLine.isPlainCanonical(variant, variant.length, tabs)) {
                    accepted++;
                    assertThat(decodes)
                            .as("accepted without decoding: %s", new String(variant, StandardCharsets.ISO_8859_1))
                            .isTrue();
                }
            }
        }
        assertThat(accepted).isPositive();
    }
}
