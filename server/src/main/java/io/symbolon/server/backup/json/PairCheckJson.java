package io.symbolon.server.backup.json;

import io.symbolon.archive.ArchivePair;
import io.symbolon.archive.digest.DigestDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of checking a pair's two archives, in the structure of the REST API's backup result
 * (seed 000): {@code state} ({@code TEST_SUCCESS} or {@code TEST_FAILED}), {@code files},
 * {@code pairHostnames}, {@code problems}, {@code warnings}, and {@code digestDiff} when the digests
 * differ (left out, not empty, when they match).
 */
public record PairCheckJson(
        String state,
        List<String> files,
        List<String> pairHostnames,
        List<String> problems,
        List<String> warnings,
        DigestDiffJson digestDiff) {
    public static final String TEST_SUCCESS = "TEST_SUCCESS";
    public static final String TEST_FAILED = "TEST_FAILED";

    /** The JSON form of {@code result} for the archives {@code first} and {@code second}. */
    public static PairCheckJson of(Path first, Path second, ArchivePair.Result result) {
        Set<String> hostnames = new LinkedHashSet<>(result.first().metadata().pairHostnames());
        hostnames.addAll(result.second().metadata().pairHostnames());
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.addAll(omissions(result.digestDiff()));
        return new PairCheckJson(
                result.matches() ? TEST_SUCCESS : TEST_FAILED,
                List.of(first.toString(), second.toString()),
                List.copyOf(hostnames),
                result.problems(),
                warnings,
                result.digestDiff().isEmpty() ? null : DigestDiffJson.of(result.digestDiff()));
    }

    /** "KEY: 1234 more differing entries are not listed", for each section that was cut short. */
    public static List<String> omissions(DigestDiff diff) {
        return diff.diffRecords().stream()
                .filter(section -> section.entriesOmitted() > 0)
                .map(section ->
                        section.section() + ": " + section.entriesOmitted() + " more differing entries are not listed")
                .toList();
    }
}
