package io.symbolon.cli.archive;

import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.rekey.RekeyLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human wording of archive facts, shared by the archive and backup commands. */
public final class ArchiveText {
    private ArchiveText() {}

    /** "EP node node-ep of pair pair-0001, epoch 7, taken 2026-11-23T03:27:16Z". */
    public static String origin(Metadata metadata) {
        return metadata.role() + " node " + metadata.nodeId() + " of pair " + metadata.pairId() + ", epoch "
                + metadata.epoch() + ", taken " + metadata.created();
    }

    /** "CERTIFICATE 1, DATA 1, KEY 8"; "none" when empty. */
    public static String counts(Map<String, Long> counts) {
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue())
                        .collect(Collectors.joining(", "));
    }

    /** "10 objects (CERTIFICATE 1, DATA 1, KEY 8), root sha256:…". */
    public static String digest(DigestSummary digest) {
        return digest.total() + " object" + (digest.total() == 1 ? "" : "s") + " (" + counts(digest.counts())
                + "), root " + digest.rootText();
    }

    /** "ssh-rsa SHA256:…", one per recipient. */
    public static List<String> recipients(List<RecipientDescriptor> recipients) {
        return recipients.stream().map(r -> r.kind() + " " + r.fingerprint()).toList();
    }

    /** "2026-11-23T03:30:00Z rekey: added X25519 SHA256:…; removed SHA256:…", one per entry. */
    public static List<String> rekeys(List<RekeyLog.Entry> entries) {
        List<String> lines = new ArrayList<>();
        for (RekeyLog.Entry entry : entries) {
            List<String> changes = new ArrayList<>();
            if (!entry.added().isEmpty()) {
                changes.add("added " + String.join(", ", recipients(entry.added())));
            }
            if (!entry.removed().isEmpty()) {
                changes.add("removed " + String.join(", ", entry.removed()));
            }
            lines.add(entry.time() + " " + entry.operation().label()
                    + (changes.isEmpty() ? "" : ": " + String.join("; ", changes)));
        }
        return lines;
    }
}
