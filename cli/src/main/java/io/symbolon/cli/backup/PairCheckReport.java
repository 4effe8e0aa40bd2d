package io.symbolon.cli.backup;

import io.symbolon.archive.ArchivePair;
import io.symbolon.archive.Verification;
import io.symbolon.archive.digest.DigestDiff;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.ArchiveText;
import io.symbolon.cli.archive.VerificationReport;
import io.symbolon.server.backup.json.PairCheckJson;
import java.io.PrintWriter;
import java.util.List;

/** The human report of {@code backup verify}: each archive, problems, warnings, the seed's digest diff. */
final class PairCheckReport {
    private PairCheckReport() {}

    static void print(ArchivePair.Result result, PrintWriter out) {
        TextReport report = new TextReport(out, 10);
        archive(report, result.first());
        archive(report, result.second());
        report.field("problems", result.problems(), "none");
        report.field("warnings", result.warnings(), "none");
        DigestDiff diff = result.digestDiff();
        if (diff.isEmpty()) {
            report.field(
                    "digests", "identical: " + ArchiveText.digest(result.first().digest()));
        } else {
            report.line("digests differ:");
            for (DigestDiff.SectionDiff section : diff.diffRecords()) {
                report.line("  " + section.sectionDiff());
                for (DigestDiff.EntryDiff entry : section.entriesDiff()) {
                    report.line("    "
                            + String.join(
                                    "  ",
                                    List.of(
                                            entry.objectType(),
                                            entry.digestSource(),
                                            entry.uid(),
                                            entry.name(),
                                            entry.partitionName(),
                                            "version " + entry.version(),
                                            entry.detail())));
                }
                if (section.entriesOmitted() > 0) {
                    report.line("    … and " + section.entriesOmitted() + " more differing entries, not listed");
                }
            }
        }
        report.field(
                "state",
                result.matches()
                        ? PairCheckJson.TEST_SUCCESS + " (the two archives match and can be restored together)"
                        : PairCheckJson.TEST_FAILED + " (see the problems and differences above)");
    }

    private static void archive(TextReport report, Verification verification) {
        report.field(verification.metadata().role(), verification.path().toString());
        report.line(" ".repeat(10) + "verified; signer " + VerificationReport.signer(verification));
        report.line(" ".repeat(10) + ArchiveText.origin(verification.metadata()));
        report.line(" ".repeat(10) + ArchiveText.digest(verification.digest()));
    }
}
