package io.symbolon.cli.custodian;

import io.symbolon.archive.custodian.Custodian;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.cli.TextReport;
import java.io.PrintWriter;

/** The human report of a custodian set. */
final class SetReport {
    private SetReport() {}

    static void print(CustodianSet set, PrintWriter out) {
        new TextReport(out, 14)
                .field("set", set.name())
                .field("fingerprint", set.fingerprint())
                .field(
                        "opens with",
                        set.allRequired()
                                ? "all " + set.total() + " custodians (XOR components)"
                                : "any " + set.threshold() + " of " + set.total() + " custodians (Shamir shares)")
                .field(
                        "custodians",
                        set.custodians().stream().map(SetReport::custodian).toList(),
                        "none");
        if (set.hasPassphrases()) {
            out.println(" ".repeat(14) + "passphrases are protected with scrypt, work factor 2^"
                    + set.passphraseWorkFactor());
        }
    }

    private static String custodian(Custodian custodian) {
        return custodian.number() + " " + custodian.name() + "  " + custodian.kind()
                + (custodian.usesPassphrase() ? "" : " " + custodian.fingerprint());
    }
}
