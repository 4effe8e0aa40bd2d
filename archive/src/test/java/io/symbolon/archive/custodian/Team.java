package io.symbolon.archive.custodian;

import io.symbolon.archive.Progress;
import io.symbolon.archive.Trust;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.recipient.X25519Identity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** A custodian set of X25519 custodians with their private keys, for tests. */
record Team(CustodianSet set, List<X25519Identity> keys) {
    static final List<String> NAMES = List.of(
            "alice", "bob", "carol", "dave", "eve", "frank", "grace", "heidi", "ivan", "judy", "ken", "lena", "mallory",
            "nina", "oscar", "peggy");

    static Team of(String name, int total, int threshold) {
        List<X25519Identity> keys = new ArrayList<>();
        List<Custodian> custodians = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            X25519Identity key = X25519Identity.generate();
            keys.add(key);
            custodians.add(Custodian.withKey(i, NAMES.get(i - 1), key.recipient()));
        }
        return new Team(CustodianSet.of(name, threshold, custodians), keys);
    }

    CustodianSetRecipient recipient() {
        return CustodianSetRecipient.of(set);
    }

    /** Custodian {@code number}'s contribution for {@code archive}, sealed to {@code session}. */
    Contribution contribution(CustodianArchive archive, int number, Session session) {
        return contribution(archive, number, List.of(keys.get(number - 1)), session);
    }

    static Contribution contribution(
            CustodianArchive archive, int number, List<? extends Identity> identities, Session session) {
        return CustodianUnwrap.contribute(
                archive,
                new CustodianUnwrap.Request(
                        identities,
                        OptionalInt.of(number),
                        java.util.Optional.empty(),
                        session.recipient(),
                        Instant.parse("2027-01-02T10:00:00Z")),
                "c" + number + ".contribution");
    }

    /** Every custodian's contribution, in order. */
    List<Contribution> contributions(Path archive, Session session) {
        CustodianArchive opened = CustodianArchive.open(archive, Trust.anySigner(), Progress.none());
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 1; i <= set.total(); i++) {
            contributions.add(contribution(opened, i, session));
        }
        return contributions;
    }
}
