package io.symbolon.archive.custodian;

import io.symbolon.archive.age.Age;
import io.symbolon.archive.age.AgeException;
import io.symbolon.archive.age.Base64Raw;
import io.symbolon.archive.age.FileKey;
import io.symbolon.archive.age.Identity;
import io.symbolon.archive.age.Stanza;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The recovering operator's identity in a custodian ceremony (ARCHIVE-FORMAT.md §12.6): the
 * contributions gathered from custodians, opened with the session key. Given to {@code ArchiveReader}
 * or {@code ArchiveRekey} like any identity, it finds the custodian split in the header that the
 * contributions belong to, checks every contribution against its component's commitment, and combines
 * k shares into the file key (which the caller then checks against the header MAC).
 *
 * <p>It refuses rather than guesses: any contribution that cannot be opened, belongs to another backup
 * or set, repeats a custodian, or does not match its commitment fails the unwrap with {@link
 * ErrorCode#CUSTODIAN_INVALID}, naming it; too few valid contributions fail with {@link
 * ErrorCode#CUSTODIAN_SHORT}, saying how many more are needed and from whom. A header without custodian
 * stanzas is simply not addressed to it. Close it to wipe the shares.
 */
public final class CustodianIdentity implements Identity, AutoCloseable {
    private record Opened(Contribution contribution, Share share) {}

    private final List<Opened> opened;
    private final List<String> unopened;
    private final List<CustodianSet> knownSets;

    private CustodianIdentity(List<Opened> opened, List<String> unopened, List<CustodianSet> knownSets) {
        this.opened = opened;
        this.unopened = unopened;
        this.knownSets = knownSets;
    }

    /**
     * Opens {@code contributions} with the session's key. A contribution that does not open is not
     * thrown at once but reported by {@link #status} and {@link #unwrap}, beside the others.
     *
     * @param knownSets sets whose custodians' names messages may use (e.g. the archive's recorded sets)
     */
    public static CustodianIdentity open(
            Session session, List<Contribution> contributions, List<CustodianSet> knownSets) {
        List<Opened> opened = new ArrayList<>();
        List<String> unopened = new ArrayList<>();
        String sessionRecipient = session.recipient().encoded();
        for (Contribution contribution : contributions) {
            if (!contribution.session().equals(sessionRecipient)) {
                unopened.add(contribution.label() + " is sealed to session " + contribution.session()
                        + ", not to this session (" + sessionRecipient + "); ask "
                        + contribution.custodianOf().name()
                        + " to contribute again to this session");
                continue;
            }
            Optional<Share> share = openShare(session, contribution);
            if (share.isEmpty()) {
                unopened.add(contribution.label() + " does not open with this session's key: it was altered or"
                        + " damaged; ask " + contribution.custodianOf().name() + " for a new one");
                continue;
            }
            opened.add(new Opened(contribution, share.get()));
        }
        return new CustodianIdentity(List.copyOf(opened), List.copyOf(unopened), List.copyOf(knownSets));
    }

    /** What the contributions amount to for a header with these stanzas. */
    public CustodianStatus status(List<Stanza> stanzas) {
        return assess(HeaderSplit.of(stanzas)).status();
    }

    @Override
    public Optional<FileKey> unwrap(List<Stanza> stanzas) {
        List<HeaderSplit> splits = HeaderSplit.of(stanzas);
        if (splits.isEmpty()) {
            return Optional.empty();
        }
        Assessment assessment = assess(splits);
        CustodianStatus status = assessment.status();
        if (!status.problems().isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.CUSTODIAN_INVALID,
                    (status.problems().size() == 1 ? "" : status.problems().size() + " contributions were refused: ")
                            + String.join("; ", status.problems()));
        }
        for (int i = 0; i < splits.size(); i++) {
            CustodianStatus.Split split = status.splits().get(i);
            if (split.needed() == 0) {
                return Optional.of(combine(splits.get(i), assessment.valid().get(i)));
            }
        }
        throw new SymbolonException(
                ErrorCode.CUSTODIAN_SHORT,
                "not enough custodians to open the archive: "
                        + status.splits().stream()
                                .map(CustodianStatus.Split::describe)
                                .collect(Collectors.joining("; ")));
    }

    private record Assessment(CustodianStatus status, List<List<Opened>> valid) {}

    private Assessment assess(List<HeaderSplit> splits) {
        List<String> problems = new ArrayList<>(unopened);
        List<List<Opened>> valid = new ArrayList<>();
        splits.forEach(split -> valid.add(new ArrayList<>()));
        Map<String, Opened> seen = new HashMap<>();
        for (Opened candidate : opened) {
            Contribution contribution = candidate.contribution();
            int index = indexOf(splits, contribution);
            if (index < 0) {
                problems.add(foreign(splits, contribution));
                continue;
            }
            HeaderSplit split = splits.get(index);
            ComponentStanza component = split.component(contribution.custodian());
            if (contribution.total() != split.total()
                    || contribution.threshold() != split.threshold()
                    || !contribution.commitment().equals(Base64Raw.encode(component.commitment()))
                    || !component.commitsTo(candidate.share().value())) {
                problems.add(contribution.label() + " does not match its commitment in this archive's header: it was"
                        + " altered or forged; ask "
                        + contribution.custodianOf().name() + " for a new one");
                continue;
            }
            String key = index + " " + contribution.custodian();
            Opened earlier = seen.putIfAbsent(key, candidate);
            if (earlier != null) {
                problems.add(contribution.label() + " repeats the contribution of "
                        + contribution.custodianOf().label() + " (also given as "
                        + earlier.contribution().source() + "); give each custodian's contribution once");
                continue;
            }
            valid.get(index).add(candidate);
        }
        List<CustodianStatus.Split> statuses = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            HeaderSplit split = splits.get(i);
            statuses.add(new CustodianStatus.Split(
                    split.set(),
                    description(split.set(), valid.get(i)),
                    split.splitId(),
                    split.total(),
                    split.threshold(),
                    valid.get(i).stream()
                            .map(o -> o.contribution().custodian())
                            .sorted()
                            .toList()));
        }
        return new Assessment(new CustodianStatus(statuses, problems), valid);
    }

    private static int indexOf(List<HeaderSplit> splits, Contribution contribution) {
        for (int i = 0; i < splits.size(); i++) {
            HeaderSplit split = splits.get(i);
            if (split.set().equals(contribution.set().fingerprint())
                    && split.splitId().equals(contribution.split())) {
                return i;
            }
        }
        return -1;
    }

    private static String foreign(List<HeaderSplit> splits, Contribution contribution) {
        String madeFor = contribution.archiveName() + " (archive id " + contribution.archiveId() + ")";
        boolean sameSet = splits.stream()
                .anyMatch(split -> split.set().equals(contribution.set().fingerprint()));
        return contribution.label() + " belongs to another backup: it was made for " + madeFor
                + (sameSet
                        ? ", whose components of this set differ from this archive's"
                        : ", and this archive is not encrypted to set "
                                + contribution.set().fingerprint())
                + "; ask " + contribution.custodianOf().name() + " to contribute for this archive";
    }

    private Optional<CustodianSet> description(String fingerprint, List<Opened> valid) {
        return valid.stream()
                .map(o -> o.contribution().set())
                .filter(set -> set.fingerprint().equals(fingerprint))
                .findFirst()
                .or(() -> knownSets.stream()
                        .filter(set -> set.fingerprint().equals(fingerprint))
                        .findFirst())
                .or(() -> opened.stream()
                        .map(o -> o.contribution().set())
                        .filter(set -> set.fingerprint().equals(fingerprint))
                        .findFirst());
    }

    private static FileKey combine(HeaderSplit split, List<Opened> valid) {
        List<Share> shares = valid.stream()
                .sorted(java.util.Comparator.comparingInt(o -> o.contribution().custodian()))
                .limit(split.threshold())
                .map(Opened::share)
                .toList();
        try (SecretBytes fileKey =
                SecretSharing.of(split.threshold(), split.total()).combine(shares)) {
            return FileKey.of(fileKey.reveal());
        }
    }

    private static Optional<Share> openShare(Session session, Contribution contribution) {
        byte[] plaintext = null;
        try (Age.Decryption decryption =
                Age.decrypt(new ByteArrayInputStream(contribution.sealed()), List.of(session.identity()))) {
            plaintext = decryption.plaintext().readNBytes(512 * 1024);
            byte[] expected = contribution.unsealedPart();
            int shareLength = FileKey.LENGTH;
            if (plaintext.length != expected.length + shareLength
                    || !Arrays.equals(expected, Arrays.copyOf(plaintext, expected.length))) {
                return Optional.empty();
            }
            return Optional.of(
                    new Share(contribution.custodian(), SecretBytes.copyOf(plaintext, expected.length, shareLength)));
        } catch (AgeException | IOException e) {
            return Optional.empty();
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    @Override
    public String describe() {
        return ComponentStanza.TYPE + " contributions of "
                + opened.stream()
                        .map(o -> o.contribution().custodianOf().label())
                        .collect(Collectors.joining(", "))
                + (unopened.isEmpty() ? "" : " (" + unopened.size() + " unopened)");
    }

    /** Wipes the shares. */
    @Override
    public void close() {
        opened.forEach(o -> o.share().close());
    }

    @Override
    public String toString() {
        return "CustodianIdentity[" + describe() + "]";
    }
}
