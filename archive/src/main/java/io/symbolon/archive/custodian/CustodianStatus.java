package io.symbolon.archive.custodian;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a ceremony stands for one archive header (ARCHIVE-FORMAT.md §12.6): for each custodian split
 * in it, which custodians have given a valid contribution and how many more are needed from whom; and
 * every contribution that was refused, with why. Public facts only.
 *
 * @param splits one per custodian split in the header
 * @param problems one sentence per refused contribution, naming it
 */
public record CustodianStatus(List<Split> splits, List<String> problems) {

    public CustodianStatus {
        splits = List.copyOf(splits);
        problems = List.copyOf(problems);
    }

    /**
     * One custodian split of the header and the valid contributions to it.
     *
     * @param set the set's fingerprint
     * @param description the set's description, if a contribution or the archive gave it
     * @param splitId the split id
     * @param total N
     * @param threshold k
     * @param contributed the custodian numbers with a valid contribution, ascending
     */
    public record Split(
            String set,
            Optional<CustodianSet> description,
            String splitId,
            int total,
            int threshold,
            List<Integer> contributed) {
        public Split {
            contributed = List.copyOf(contributed);
        }

        /** How many more valid contributions are needed. */
        public int needed() {
            return Math.max(0, threshold - contributed.size());
        }

        /** The custodians who have not contributed, as {@code name (n)}. */
        public List<String> missing() {
            List<String> missing = new ArrayList<>();
            for (int number = 1; number <= total; number++) {
                if (!contributed.contains(number)) {
                    missing.add(custodian(number));
                }
            }
            return missing;
        }

        /** For messages: {@code name (n)}, or {@code custodian n} when the set's description is unknown. */
        public String custodian(int number) {
            return description
                    .flatMap(set -> set.custodian(number))
                    .map(Custodian::label)
                    .orElse("custodian " + number);
        }

        /** The set's name and fingerprint. */
        public String setLabel() {
            return description
                    .map(CustodianSet::name)
                    .map(name -> name + " (" + set + ")")
                    .orElse(set);
        }

        /**
         * A sentence: {@code custodian set finance (SHA256:…) needs 2 of its 3 custodians; 1 valid
         * contribution (alice (1)); 1 more needed, from any of: bob (2), carol (3)}.
         */
        public String describe() {
            String needs = threshold == total
                    ? "needs all " + total + " of its custodians"
                    : "needs " + threshold + " of its " + total + " custodians";
            String have = contributed.size() + " valid contribution" + (contributed.size() == 1 ? "" : "s")
                    + (contributed.isEmpty()
                            ? ""
                            : " (" + contributed.stream().map(this::custodian).collect(Collectors.joining(", ")) + ")");
            String more = needed() == 0
                    ? "enough to open the archive"
                    : needed() + " more needed, from " + (threshold == total ? "" : "any of: ")
                            + String.join(", ", missing());
            return "custodian set " + setLabel() + " " + needs + "; " + have + "; " + more;
        }
    }

    /** Whether no contribution was refused and some split has enough. */
    public boolean ready() {
        return problems.isEmpty() && splits.stream().anyMatch(split -> split.needed() == 0);
    }

    /** Every split's sentence and every problem, one per line. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        splits.forEach(split -> lines.add(split.describe()));
        lines.addAll(problems);
        return String.join("\n", lines);
    }
}
