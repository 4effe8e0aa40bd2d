package io.symbolon.cli.archive;

import io.symbolon.archive.Inspection;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.ArchiveJson.DigestJson;
import io.symbolon.cli.archive.ArchiveJson.MetadataJson;
import io.symbolon.cli.archive.ArchiveJson.RecipientJson;
import io.symbolon.cli.archive.ArchiveJson.RekeyJson;
import java.io.PrintWriter;
import java.util.List;

/** What {@code archive inspect} prints: as text for people, as JSON for scripts. */
final class InspectionReport {
    static final String INTACT = "intact, signer not pinned";

    private InspectionReport() {}

    /**
     * The JSON form.
     *
     * @param status {@code intact, signer not pinned} or {@code damaged}
     * @param problem why verification failed, when it did
     */
    record Json(
            String file,
            long size,
            String status,
            String problem,
            MetadataJson metadata,
            List<RecipientJson> recipients,
            List<String> stanzas,
            DigestJson digest,
            String signer,
            String signerSubject,
            List<RekeyJson> rekeys,
            String countersigner) {}

    static Json json(Inspection inspection) {
        return new Json(
                inspection.path().toString(),
                inspection.size(),
                inspection.problem().isEmpty() ? INTACT : "damaged",
                inspection.problem().orElse(null),
                MetadataJson.of(inspection.metadata()),
                RecipientJson.of(inspection.recipients()),
                inspection.stanzaTypes(),
                DigestJson.of(inspection.digest()),
                inspection.signer(),
                inspection.signerSubject(),
                RekeyJson.of(inspection.rekeys()),
                inspection.countersigner().orElse(null));
    }

    static void print(Inspection inspection, PrintWriter out) {
        var metadata = inspection.metadata();
        new TextReport(out, 15)
                .field("archive", inspection.path() + " (" + inspection.size() + " bytes)")
                .field(
                        "status",
                        inspection
                                .problem()
                                .map(problem -> "DAMAGED: " + problem)
                                .orElse(INTACT + " (archive verify --signer CERT proves which node wrote it)"))
                .field("name", metadata.name())
                .field("node", ArchiveText.origin(metadata))
                .field("pair", String.join(", ", metadata.pairHostnames()))
                .field("software", metadata.software())
                .field("archive id", metadata.archiveId())
                .field(
                        "objects",
                        ArchiveText.counts(metadata.objects()) + " (" + metadata.records() + " records, "
                                + metadata.recordBytes() + " bytes)")
                .field(
                        "content",
                        metadata.compression() + ", " + metadata.contentSize() + " bytes, sha256:"
                                + metadata.contentSha256())
                .field("digest", ArchiveText.digest(inspection.digest()))
                .field("recipients", ArchiveText.recipients(inspection.recipients()), "none")
                .field("stanzas", String.join(", ", inspection.stanzaTypes()))
                .field("signer", inspection.signer() + " (" + inspection.signerSubject() + ")")
                .field("countersigner", inspection.countersigner().orElse("none"))
                .field("rekey log", ArchiveText.rekeys(inspection.rekeys()), "none (never re-keyed)");
    }
}
