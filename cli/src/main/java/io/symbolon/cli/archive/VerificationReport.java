package io.symbolon.cli.archive;

import io.symbolon.archive.ArchiveException;
import io.symbolon.archive.Verification;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.archive.ArchiveJson.DigestJson;
import io.symbolon.cli.archive.ArchiveJson.MetadataJson;
import io.symbolon.cli.archive.ArchiveJson.RecipientJson;
import io.symbolon.cli.archive.ArchiveJson.RekeyJson;
import io.symbolon.error.SymbolonException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a verification proved, in words and as JSON; shared by every command that verifies an archive. */
public final class VerificationReport {
    private VerificationReport() {}

    /** The JSON form of a verification, or of a failed one ({@code verified} false and {@code error}). */
    public record Json(
            String file,
            boolean verified,
            String signer,
            Boolean signerPinned,
            Boolean contentVerified,
            MetadataJson metadata,
            DigestJson digest,
            List<RecipientJson> recipients,
            List<RekeyJson> rekeys,
            String countersigner,
            String payloadSha256,
            List<String> warnings,
            ErrorJson error) {}

    /** Why verification failed: the error table's code and exit code, the member and the message. */
    public record ErrorJson(String code, int exitCode, String member, String message) {}

    public static Json json(Verification verification) {
        return new Json(
                verification.path().toString(),
                true,
                verification.signer(),
                verification.signerPinned(),
                verification.contentVerified(),
                MetadataJson.of(verification.metadata()),
                DigestJson.of(verification.digest()),
                RecipientJson.of(verification.recipients()),
                RekeyJson.of(verification.rekeys()),
                verification.countersigner().orElse(null),
                verification.payloadSha256(),
                warnings(verification),
                null);
    }

    public static Json failure(Path file, SymbolonException failure) {
        String member =
                failure instanceof ArchiveException archive ? archive.member().orElse(null) : null;
        return new Json(
                file.toString(),
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                new ErrorJson(
                        failure.errorCode().code(), failure.errorCode().exitCode(), member, failure.getMessage()));
    }

    /** What the user should know although the archive verified: an unpinned signer. */
    public static List<String> warnings(Verification verification) {
        return unpinnedWarning(verification).stream().toList();
    }

    /** Prints the warnings to {@code err} as {@code symbolon: warning: …}. */
    public static void printWarnings(Verification verification, PrintWriter err) {
        warnings(verification).forEach(warning -> err.println("symbolon: warning: " + warning));
        err.flush();
    }

    /** The full human report of {@code archive verify}. */
    public static void print(Verification verification, PrintWriter out) {
        new TextReport(out, 15)
                .field("verified", verification.path().toString())
                .field("proven", "every member's hash, the digest root, the rekey log and the node's signature")
                .field(
                        "content",
                        verification.contentVerified()
                                ? "decrypted and checked against the signed content hash"
                                : "not decrypted (give an identity to check the content as well)")
                .field("signer", signer(verification))
                .field("node", ArchiveText.origin(verification.metadata()))
                .field("digest", ArchiveText.digest(verification.digest()))
                .field("recipients", ArchiveText.recipients(verification.recipients()), "none")
                .field("rekey log", ArchiveText.rekeys(verification.rekeys()), "none (never re-keyed)")
                .field("countersigner", verification.countersigner().orElse("none"));
    }

    /** "SHA256:… (pinned)" or "SHA256:… (not pinned)". */
    public static String signer(Verification verification) {
        return verification.signer() + (verification.signerPinned() ? " (pinned)" : " (not pinned)");
    }

    private static Optional<String> unpinnedWarning(Verification verification) {
        if (verification.signerPinned()) {
            return Optional.empty();
        }
        return Optional.of("the signer of " + verification.path().getFileName() + " was not pinned: it is intact and"
                + " signed by the key in its node.crt (" + verification.signer() + "), but nothing shows that key is"
                + " your node's; pass --signer CERT or --signer-fingerprint " + verification.signer()
                + " (once you have checked it) to prove it");
    }
}
