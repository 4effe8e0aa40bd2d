package io.symbolon.archive;

import io.symbolon.archive.digest.DigestComparison;
import io.symbolon.archive.digest.DigestDiff;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.RecipientDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the two archives of a pair against each other without any private key (the seed's
 * {@code ekm_verify_backup}): each verifies on its own; they belong to the same pair, come from opposite
 * roles and were taken at the same epoch; and their digests describe the same objects. Both archives
 * are read once, side by side; memory does not grow with their size.
 */
public final class ArchivePair {
    /** How many differing entries to report per section, at most. */
    public static final int ENTRY_LIMIT = 1000;

    private ArchivePair() {}

    /**
     * The outcome of a pair check.
     *
     * @param first the first archive's verification
     * @param second the second archive's verification
     * @param problems reasons the two cannot be restored together (empty when they can)
     * @param warnings things that are allowed but unwise
     * @param digestDiff the objects that differ
     */
    public record Result(
            Verification first,
            Verification second,
            List<String> problems,
            List<String> warnings,
            DigestDiff digestDiff) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        /** True when the two halves match: no problem and no difference. */
        public boolean matches() {
            return problems.isEmpty() && digestDiff.isEmpty();
        }
    }

    /** Compares two archives, each verified with its own trust. */
    public static Result compare(Path first, Trust firstTrust, Path second, Trust secondTrust) {
        return compare(first, firstTrust, second, secondTrust, Progress.none());
    }

    /** As {@link #compare(Path, Trust, Path, Trust)}, reporting bytes read of both files. */
    public static Result compare(Path first, Trust firstTrust, Path second, Trust secondTrust, Progress progress) {
        try (ArchiveScan a = ArchiveScan.open(first, progress);
                ArchiveScan b = ArchiveScan.open(second, progress)) {
            a.readMetadata();
            b.readMetadata();
            String firstLabel = label(a.metadata.role());
            String secondLabel = label(b.metadata.role());
            if (firstLabel.equals(secondLabel)) {
                firstLabel = firstLabel + " (" + first.getFileName() + ")";
                secondLabel = secondLabel + " (" + second.getFileName() + ")";
            }
            DigestDiff diff =
                    DigestComparison.compare(a.openDigest(), firstLabel, b.openDigest(), secondLabel, ENTRY_LIMIT);
            a.finishDigest();
            b.finishDigest();
            for (ArchiveScan scan : List.of(a, b)) {
                scan.readRekeyLog();
                scan.hashPayload();
                scan.readTrailer();
            }
            Verification va = a.check(firstTrust, false);
            Verification vb = b.check(secondTrust, false);
            return new Result(va, vb, problems(a.metadata, b.metadata), warnings(va, vb), diff);
        }
    }

    private static List<String> problems(Metadata a, Metadata b) {
        List<String> problems = new ArrayList<>();
        if (!a.pairId().equals(b.pairId())) {
            problems.add("the two archives belong to different pairs (" + a.pairId() + " and " + b.pairId() + ")");
        }
        if (a.role().equals(b.role())) {
            problems.add("both archives come from a " + a.role()
                    + " node; a pair is restored from one EP and one Partner archive");
        }
        if (a.epoch() != b.epoch()) {
            problems.add("the two backups were taken across a key refresh (epochs " + a.epoch() + " and " + b.epoch()
                    + ") and cannot be restored together; take both again within the refresh interval");
        }
        return problems;
    }

    private static List<String> warnings(Verification a, Verification b) {
        List<String> warnings = new ArrayList<>();
        Set<String> first = new HashSet<>();
        a.recipients().stream().map(RecipientDescriptor::fingerprint).forEach(first::add);
        b.recipients().stream()
                .map(RecipientDescriptor::fingerprint)
                .filter(first::contains)
                .filter(fingerprint -> !fingerprint.equals("passphrase"))
                .forEach(fingerprint -> warnings.add("both halves are encrypted to the same recipient " + fingerprint
                        + ": one stolen private key would open both; use different backup keys for EP and Partner"));
        if (!a.signerPinned() || !b.signerPinned()) {
            warnings.add(
                    "signers not pinned: the archives are intact and self-consistent, but pass each node's certificate "
                            + "or fingerprint to prove which nodes wrote them");
        }
        return warnings;
    }

    /** {@code EP} stays {@code EP}; other roles are capitalised as in the seed's messages ({@code Partner}). */
    static String label(String role) {
        if (role.equals("EP")) {
            return role;
        }
        String lower = role.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
