package io.symbolon.cli.custodian;

import io.symbolon.archive.custodian.Contribution;
import io.symbolon.archive.custodian.CustodianIdentity;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.Session;
import io.symbolon.cli.options.InputFiles;
import io.symbolon.cli.options.Secrets;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The operator's side of a ceremony: the session and the custodians' contributions. */
final class ContributionOptions {
    @Option(
            names = "--session",
            paramLabel = "SESSION",
            description = "The session file from 'custodian session start'.")
    Path session;

    @Option(
            names = "--contribution",
            paramLabel = "FILE",
            description = "A custodian's contribution (repeatable; k of them are needed).")
    List<Path> contributions = new ArrayList<>();

    @Mixin
    SessionOptions passphrase;

    /** Whether a session or contributions were given. */
    boolean given() {
        return session != null || !contributions.isEmpty();
    }

    /**
     * The combining identity: every contribution loaded (a malformed one fails naming it), the session
     * opened with its passphrase.
     */
    CustodianIdentity open(Secrets secrets, List<CustodianSet> knownSets) {
        if (session == null) {
            throw new SymbolonException(ErrorCode.USAGE, "give the ceremony's session file with --session");
        }
        InputFiles.require(session, "session file");
        List<Contribution> loaded = new ArrayList<>();
        for (Path file : contributions) {
            InputFiles.require(file, "contribution");
            loaded.add(Contribution.load(file));
        }
        char[] secret = secrets.read(passphrase.source());
        try (Session opened = Session.open(session, secret, Instant.now())) {
            return CustodianIdentity.open(opened, loaded, knownSets);
        } finally {
            Secrets.wipe(secret);
        }
    }
}
