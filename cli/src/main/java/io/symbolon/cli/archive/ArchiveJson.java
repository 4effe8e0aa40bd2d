package io.symbolon.cli.archive;

import io.symbolon.archive.digest.DigestSummary;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.rekey.RekeyLog;
import java.util.List;
import java.util.Map;

/** The JSON shapes shared by the archive commands' {@code --json} output: plain public values. */
public final class ArchiveJson {
    private ArchiveJson() {}

    /** A recipient: its kind (age stanza type) and public fingerprint. */
    public record RecipientJson(String kind, String fingerprint) {
        static RecipientJson of(RecipientDescriptor descriptor) {
            return new RecipientJson(descriptor.kind(), descriptor.fingerprint());
        }

        static List<RecipientJson> of(List<RecipientDescriptor> descriptors) {
            return descriptors.stream().map(RecipientJson::of).toList();
        }
    }

    /** The digest's summary: objects per section, their total and the root hash. */
    public record DigestJson(Map<String, Long> counts, long total, String root) {
        static DigestJson of(DigestSummary summary) {
            return new DigestJson(summary.counts(), summary.total(), summary.rootText());
        }
    }

    /** The metadata member, field for field; {@code recipients} are those the archive was written to. */
    public record MetadataJson(
            String software,
            String archiveId,
            String name,
            String created,
            String role,
            String pairId,
            String nodeId,
            List<String> pairHostnames,
            long epoch,
            Map<String, Long> objects,
            String digestSharedSha256,
            long records,
            long recordBytes,
            String compression,
            long contentSize,
            String contentSha256,
            List<RecipientJson> recipients) {
        static MetadataJson of(Metadata metadata) {
            return new MetadataJson(
                    metadata.software(),
                    metadata.archiveId(),
                    metadata.name(),
                    metadata.created().toString(),
                    metadata.role(),
                    metadata.pairId(),
                    metadata.nodeId(),
                    metadata.pairHostnames(),
                    metadata.epoch(),
                    metadata.objects(),
                    metadata.digestSharedSha256().orElse(null),
                    metadata.records(),
                    metadata.recordBytes(),
                    metadata.compression(),
                    metadata.contentSize(),
                    metadata.contentSha256(),
                    RecipientJson.of(metadata.recipients()));
        }
    }

    /** One entry of the rekey log. */
    public record RekeyJson(
            String operation, String time, String headerSha256, List<RecipientJson> added, List<String> removed) {
        static List<RekeyJson> of(List<RekeyLog.Entry> entries) {
            return entries.stream()
                    .map(entry -> new RekeyJson(
                            entry.operation().label(),
                            entry.time().toString(),
                            entry.headerSha256(),
                            RecipientJson.of(entry.added()),
                            entry.removed()))
                    .toList();
        }
    }
}
