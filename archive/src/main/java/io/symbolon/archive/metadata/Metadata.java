package io.symbolon.archive.metadata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The textual metadata member of an archive (ARCHIVE-FORMAT.md §4): what the archive is, whose it is
 * and what its encrypted content must hash to. Everything here is public; it is covered by the node's
 * signature.
 *
 * @param software the writing software and its version, e.g. {@code symbolon 0.1.0}
 * @param archiveId 32 lower-case hex digits, random per archive
 * @param name the archive's file name as written, e.g. {@code database_2026-11-23-03-27-16.tar.gz}
 * @param created creation time, whole seconds, UTC
 * @param role the writing node's role, e.g. {@code EP} or {@code PARTNER}
 * @param pairId the id of the pair the node belongs to
 * @param nodeId the id of the writing node
 * @param pairHostnames the pair's members as shown to operators, e.g. {@code EP : ep1}
 * @param epoch the share epoch the content was taken at
 * @param objects objects per digest section
 * @param digestSharedSha256 SHA-256 of the digest's entry lines of the sections both nodes of a pair hold
 *     (ARCHIVE-FORMAT.md §5.5), 64 lower-case hex digits; present from format 2 on, absent in format 1
 * @param records the number of records in the content
 * @param recordBytes the size of the record stream before compression
 * @param compression the compression applied before encryption; {@code zstd}
 * @param contentSize the size of the age plaintext (the compressed record stream)
 * @param contentSha256 SHA-256 of the age plaintext, 64 lower-case hex digits
 * @param recipients the recipients the file key was wrapped to when the archive was written
 */
public record Metadata(
        String software,
        String archiveId,
        String name,
        Instant created,
        String role,
        String pairId,
        String nodeId,
        List<String> pairHostnames,
        long epoch,
        Map<String, Long> objects,
        Optional<String> digestSharedSha256,
        long records,
        long recordBytes,
        String compression,
        long contentSize,
        String contentSha256,
        List<RecipientDescriptor> recipients) {

    /** The format this version writes (with {@link #digestSharedSha256}). */
    public static final int FORMAT_VERSION = 2;

    /** The oldest format this version reads (without {@link #digestSharedSha256}). */
    public static final int OLDEST_FORMAT_VERSION = 1;

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern TEXT = Pattern.compile("[^\\p{Cntrl}]{1,1024}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SECTION = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public Metadata {
        check(TEXT.matcher(software).matches() && software.strip().equals(software), "software");
        check(HEX32.matcher(archiveId).matches(), "archive-id");
        check(TOKEN.matcher(name).matches() && !name.contains("/"), "name");
        check(created.equals(created.truncatedTo(ChronoUnit.SECONDS)), "created (whole seconds)");
        check(TOKEN.matcher(role).matches(), "role");
        check(TOKEN.matcher(pairId).matches(), "pair-id");
        check(TOKEN.matcher(nodeId).matches(), "node-id");
        pairHostnames = List.copyOf(pairHostnames);
        pairHostnames.forEach(h -> check(TEXT.matcher(h).matches() && h.strip().equals(h), "pair-hostname"));
        check(epoch >= 0, "epoch");
        objects = Collections.unmodifiableMap(new TreeMap<>(objects));
        objects.forEach((section, count) -> check(SECTION.matcher(section).matches() && count > 0, "objects"));
        check(
                digestSharedSha256.isEmpty()
                        || HEX64.matcher(digestSharedSha256.get()).matches(),
                "digest-shared-sha256");
        check(records >= 0 && recordBytes >= 0 && contentSize >= 0, "sizes");
        check(
                records == objects.values().stream().mapToLong(Long::longValue).sum(),
                "records (must equal the object counts)");
        check(compression.equals("zstd"), "compression");
        check(HEX64.matcher(contentSha256).matches(), "content-sha256");
        recipients = List.copyOf(recipients);
        check(!recipients.isEmpty(), "recipient (at least one)");
    }

    /** The format of this metadata: 2 when it states the digest's shared-entries hash, else 1. */
    public int formatVersion() {
        return digestSharedSha256.isPresent() ? FORMAT_VERSION : OLDEST_FORMAT_VERSION;
    }

    private static void check(boolean valid, String field) {
        if (!valid) {
            throw new IllegalArgumentException("invalid metadata field " + field);
        }
    }
}
