package io.symbolon.server.backup;

import io.symbolon.archive.ArchivePair;
import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.digest.DigestComparison;
import io.symbolon.archive.digest.DigestDiff;
import io.symbolon.archive.digest.DigestReader;
import io.symbolon.archive.metadata.Metadata;
import io.symbolon.archive.metadata.MetadataCodec;
import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.signature.ArchiveSignature;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.backup.json.BackupResult;
import io.symbolon.server.backup.json.DigestDiffJson;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.objects.NodeHello;
import io.symbolon.server.objects.Partner;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.backup.BackupHistory;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.RefreshPhase;
import io.symbolon.vault.node.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coordinated backup, run by EP (seed 000's automatic backup, DESIGN.md's data flow):
 *
 * <ol>
 *   <li>read the backup settings; pin the epoch; check the Partner answers, in the same pair and epoch;
 *   <li>hold the {@link SnapshotBarrier} while EP opens its snapshot and tells the Partner to open its
 *       own, under the same archive name, then let clients go on;
 *   <li>both nodes write their archives into their own backup folders; EP polls the Partner's progress;
 *   <li>check the Partner's half: its signature against the Partner certificate pinned at boot, its
 *       metadata (pair, role, epoch, name) and, as it streams, its digest's hash;
 *   <li>{@code TEST_SUCCESS} at once when both signed metadata state the same hash of the shared digest
 *       entries; otherwise compare the two digests in one streaming pass ({@link DigestComparison},
 *       labels {@code EP} and {@code Partner}): {@code TEST_SUCCESS} when they match, else
 *       {@code TEST_FAILED} with the {@code digestDiff}.
 * </ol>
 *
 * Any failure ends it {@code FAILED} with the reason, and removes both halves: a pair backup is only of
 * use whole. The epoch is unpinned on both nodes whatever happens.
 */
final class CoordinatedBackup {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatedBackup.class);
    /** The shortest interval between two polls of the Partner's progress. */
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long the Partner may hold a poll while it writes: it answers as soon as its write ends. */
    private static final Duration LONG_POLL = Duration.ofMillis(1000);
    /** How long the Partner may stay unreachable during a backup before the backup fails. */
    private static final Duration PARTNER_SILENCE = Duration.ofSeconds(15);

    /**
     * What every backup of this EP works with, wired by the node.
     *
     * @param vault EP's vault (snapshots)
     * @param directory EP's data directory (backup settings)
     * @param identity EP's key, which signs its archive
     * @param partnerCertificate the Partner's certificate approved at boot: its archive must be signed by it
     * @param partner the Partner's object channel (its hello: pair and epoch)
     * @param peer the Partner's backup channel
     * @param pin EP's epoch pin
     * @param barrier EP's snapshot barrier
     */
    record Context(
            Vault vault,
            DataDirectory directory,
            NodeIdentity identity,
            X509Certificate partnerCertificate,
            Partner partner,
            BackupPeer peer,
            EpochPin pin,
            SnapshotBarrier barrier) {}

    private final Context context;
    private final BackupHistory history;
    private final Clock clock;
    private final LocalBackup epBackup = new LocalBackup();
    private volatile BackupRun run;
    private volatile BackupResult.NodeProgress partnerProgress = new BackupResult.NodeProgress(0, 0);
    private volatile boolean cancelled;
    private volatile boolean finished;
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

    CoordinatedBackup(Context context, BackupHistory history, Clock clock, String id, String trigger, Instant started) {
        this.context = context;
        this.history = history;
        this.clock = clock;
        NodeSettings node = context.vault().node();
        this.run = BackupRun.started(
                id,
                trigger,
                started,
                io.symbolon.archive.ArchiveName.at(started),
                List.of(
                        Role.EP.displayName() + " : " + node.selfHostname(),
                        Role.PARTNER.displayName() + " : " + node.peerHostname()),
                LocalBackup.version());
    }

    BackupRun run() {
        return run;
    }

    boolean finished() {
        return finished;
    }

    /** Counted down when the backup ends (what a long poll of its result waits on). */
    CountDownLatch ended() {
        return done;
    }

    /** Records done and total on each node. */
    Map<String, BackupResult.NodeProgress> progress() {
        Map<String, BackupResult.NodeProgress> progress = new LinkedHashMap<>();
        progress.put(Role.EP.displayName(), new BackupResult.NodeProgress(epBackup.done(), epBackup.total()));
        progress.put(Role.PARTNER.displayName(), partnerProgress);
        return progress;
    }

    void cancel() {
        cancelled = true;
        epBackup.cancel();
    }

    /** Runs the backup to its end; never throws (the outcome is in the history). */
    void execute() {
        String id = run.id();
        BackupState outcome = BackupState.FAILED;
        Optional<String> reason = Optional.empty();
        Optional<String> difference = Optional.empty();
        boolean partnerStarted = false;
        Future<WrittenArchive> epWrite = null;
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "symbolon-backup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            BackupSettings settings = BackupSettings.read(context.directory());
            List<Recipient> recipients = settings.recipients();
            context.pin().pin(id);
            long epoch = checkPair();
            VaultSnapshot snapshot;
            BackupMessages.Started started;
            try (SnapshotBarrier.Pause pause = context.barrier().pause()) {
                snapshot = context.vault().snapshot();
                try {
                    epoch = snapshot.node().currentEpoch();
                    started = context.peer()
                            .start(new BackupMessages.Start(id, run.started(), run.pairHostnames(), epoch));
                } catch (RuntimeException e) {
                    snapshot.close();
                    throw e;
                }
            }
            partnerStarted = true;
            partnerProgress = new BackupResult.NodeProgress(0, started.records());
            update(run.withEpoch(epoch));
            LocalBackup.Request request = new LocalBackup.Request(
                    run.started(),
                    run.pairHostnames(),
                    settings.folder(),
                    recipients,
                    context.identity().signer(),
                    settings.recordsPerSecond());
            VaultSnapshot opened = snapshot;
            epWrite = writer.submit(() -> {
                try (opened) {
                    return epBackup.write(opened, request);
                }
            });
            BackupMessages.Status partnerDone = awaitPartner(epWrite);
            WrittenArchive ep = result(epWrite);
            update(run.withEpArchive(ep.metadata().records(), ep.size())
                    .withPartnerArchive(
                            partnerDone.recordsTotal(), partnerDone.size() == null ? 0 : partnerDone.size()));
            PartnerHalf partnerHalf = checkPartnerHalf(partnerDone, ep);
            DigestDiff diff = sameSharedEntries(ep.metadata(), partnerHalf.metadata())
                    ? new DigestDiff(List.of())
                    : compareDigests(ep, partnerHalf.signedDigest());
            outcome = diff.isEmpty() ? BackupState.TEST_SUCCESS : BackupState.TEST_FAILED;
            if (!diff.isEmpty()) {
                difference = Optional.of(BackupResult.text(DigestDiffJson.of(diff)));
            }
        } catch (SymbolonException e) {
            reason = Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("backup failed backup={}", id, e);
            reason = Optional.of("internal error (" + e.getClass().getSimpleName() + "); see EP's log");
        } finally {
            if (outcome == BackupState.FAILED) {
                discardEpHalf(epWrite);
            }
            writer.shutdownNow();
            if (partnerStarted) {
                try {
                    context.peer().finish(id, outcome == BackupState.FAILED);
                } catch (SymbolonException e) {
                    LOG.warn(
                            "the Partner could not be told the backup ended backup={} reason=\"{}\"",
                            id,
                            e.getMessage());
                }
            }
            context.pin().unpin(id);
            BackupRun ended = run.finish(outcome, clock.instant(), reason, difference)
                    .withWarnings(outcome == BackupState.FAILED ? List.of() : warnings);
            try {
                history.update(ended);
            } catch (SymbolonException e) {
                LOG.error("cannot record the end of backup backup={} reason=\"{}\"", id, e.getMessage());
            }
            run = ended;
            finished = true;
            done.countDown();
            LOG.info(
                    "backup finished backup={} state={} file={}{}",
                    id,
                    outcome,
                    ended.file(),
                    reason.map(r -> " reason=\"" + r + "\"").orElse(""));
        }
    }

    /** EP's epoch, once the Partner answered from the same pair at the same epoch. */
    private long checkPair() {
        NodeSettings node = context.vault().node();
        if (node.refresh().phase() == RefreshPhase.REWRITING) {
            throw new SymbolonException(
                    ErrorCode.CONFLICT, "a share refresh is under way; back up once it has finished");
        }
        NodeHello hello = context.partner().hello();
        if (!hello.pairId().equals(node.pairId())) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR,
                    "the Partner belongs to pair " + hello.pairId() + ", EP to pair " + node.pairId());
        }
        if (hello.epoch() != node.currentEpoch()) {
            throw new SymbolonException(
                    ErrorCode.EPOCH_MISMATCH,
                    "EP is at epoch " + node.currentEpoch() + ", the Partner at epoch " + hello.epoch()
                            + "; back up once the pair's refresh has finished");
        }
        return node.currentEpoch();
    }

    /** Polls the Partner until its archive is written, failing if it fails, goes silent, or EP's write fails. */
    private BackupMessages.Status awaitPartner(Future<WrittenArchive> epWrite) {
        Instant lastHeard = clock.instant();
        while (true) {
            if (cancelled) {
                throw new SymbolonException(ErrorCode.PEER_UNAVAILABLE, "EP stopped during the backup");
            }
            if (epWrite.isDone()) {
                result(epWrite); // throws EP's own failure, if any
            }
            Instant asked = clock.instant();
            try {
                BackupMessages.Status status = context.peer().status(run.id(), LONG_POLL);
                lastHeard = clock.instant();
                partnerProgress = new BackupResult.NodeProgress(status.recordsDone(), status.recordsTotal());
                switch (status.phase()) {
                    case DONE -> {
                        return status;
                    }
                    case FAILED ->
                        throw new SymbolonException(
                                ErrorCode.PEER_REJECTED, "the Partner could not write its archive: " + status.reason());
                    case RUNNING -> {
                        // poll again
                    }
                }
            } catch (SymbolonException e) {
                boolean silent = e.errorCode() == ErrorCode.PEER_UNAVAILABLE;
                if (!silent || Duration.between(lastHeard, clock.instant()).compareTo(PARTNER_SILENCE) > 0) {
                    throw silent
                            ? new SymbolonException(
                                    ErrorCode.PEER_UNAVAILABLE,
                                    "the Partner became unavailable during the backup: " + e.getMessage())
                            : e;
                }
            }
            // A Partner that held the request has already made EP wait; one that answered at once has not.
            pause(POLL.minus(Duration.between(asked, clock.instant())));
        }
    }

    private static WrittenArchive result(Future<WrittenArchive> write) {
        try {
            return write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SymbolonException failure) {
                throw new SymbolonException(
                        failure.errorCode(), "EP could not write its archive: " + failure.getMessage(), failure);
            }
            throw new SymbolonException(
                    ErrorCode.INTERNAL, "EP could not write its archive: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SymbolonException(ErrorCode.INTERNAL, "interrupted while EP wrote its archive");
        }
    }

    /** What EP established about the Partner's half: the digest hash its signature states, its metadata. */
    private record PartnerHalf(String signedDigest, Metadata metadata) {}

    /**
     * Checks what the Partner says about its archive against the Partner approved at boot and against
     * EP's own half.
     */
    private PartnerHalf checkPartnerHalf(BackupMessages.Status status, WrittenArchive ep) {
        if (status.signature() == null || status.metadata() == null) {
            throw new SymbolonException(
                    ErrorCode.PEER_REJECTED, "the Partner did not hand over its signature and metadata");
        }
        byte[] signatureBytes = Base64.getDecoder().decode(status.signature());
        byte[] metadataBytes = Base64.getDecoder().decode(status.metadata());
        String source = "the Partner's signature.txt";
        ArchiveSignature signature = ArchiveSignature.parse(signatureBytes, source);
        X509Certificate pinned = context.partnerCertificate();
        String expected = KeyFingerprint.of(pinned.getPublicKey());
        if (!signature.signer().equals(expected)) {
            throw new SymbolonException(
                    ErrorCode.UNTRUSTED_SIGNER,
                    "the Partner's archive is signed by " + signature.signer()
                            + ", not by the Partner approved at boot (" + expected + ")");
        }
        if (!signature.statement().verifies(signature.algorithm(source), pinned.getPublicKey())) {
            throw new SymbolonException(
                    ErrorCode.SIGNATURE_INVALID, source + " does not verify with the Partner's key");
        }
        ArchiveSignature.Hashes hashes = signature.hashes();
        if (!hashes.metadata().equals(sha256(metadataBytes))) {
            throw new SymbolonException(
                    ErrorCode.MEMBER_TAMPERED, "the Partner's metadata does not match its signature");
        }
        if (!hashes.certificate().equals(sha256(CertificatePem.encode(pinned)))) {
            throw new SymbolonException(
                    ErrorCode.UNTRUSTED_SIGNER,
                    "the Partner's archive carries another certificate than the one approved at boot");
        }
        Metadata theirs = MetadataCodec.decode(metadataBytes, "the Partner's metadata.txt");
        Metadata ours = ep.metadata();
        if (!theirs.role().equals(Role.PARTNER.label())
                || !theirs.pairId().equals(ours.pairId())
                || theirs.epoch() != ours.epoch()
                || !theirs.name().equals(ours.name())) {
            throw new SymbolonException(
                    ErrorCode.EPOCH_MISMATCH,
                    "the Partner's archive (" + theirs.role() + ", pair " + theirs.pairId() + ", epoch "
                            + theirs.epoch()
                            + ", " + theirs.name() + ") is not the other half of EP's (pair " + ours.pairId()
                            + ", epoch "
                            + ours.epoch() + ", " + ours.name() + ")");
        }
        for (RecipientDescriptor recipient : theirs.recipients()) {
            if (!recipient.fingerprint().equals("passphrase")
                    && ours.recipients().stream().anyMatch(r -> r.fingerprint().equals(recipient.fingerprint()))) {
                LOG.warn(
                        "both halves are encrypted to the same recipient recipient={}: one stolen restore key opens both;"
                                + " use different backup keys for EP and Partner",
                        recipient.fingerprint());
                // the words of 'symbolon backup verify' (ArchivePair), so that both say the same
                warnings.add("both halves are encrypted to the same recipient " + recipient.fingerprint()
                        + ": one stolen private key would open both; use different backup keys for EP and Partner");
            }
        }
        return new PartnerHalf(hashes.digest(), theirs);
    }

    /**
     * True when both halves' signed metadata state the same hash of the digest entries a pair shares
     * (ARCHIVE-FORMAT.md §5.5): their shared entries are then the same bytes, the comparison would find
     * no difference, and neither digest need be streamed. Each node computed its hash over the digest
     * it wrote, which its signature binds; {@code archive verify} and {@code backup verify} recompute it.
     */
    private boolean sameSharedEntries(Metadata ours, Metadata theirs) {
        boolean same = ours.digestSharedSha256().isPresent()
                && ours.digestSharedSha256().equals(theirs.digestSharedSha256());
        LOG.info(
                "backup digests compared backup={} by={}",
                run.id(),
                same ? "shared-entries hash (equal)" : "streaming both digests");
        return same;
    }

    /** Streams both digests side by side; the Partner's must hash to what its signature states. */
    private DigestDiff compareDigests(WrittenArchive ep, String signedDigest) {
        MessageDigest sha256 = sha256();
        try (InputStream mine = ArchiveReader.digestMember(ep.path());
                InputStream theirs = context.peer().digest(run.id());
                DigestInputStream hashed = new DigestInputStream(theirs, sha256)) {
            DigestDiff diff = DigestComparison.compare(
                    new DigestReader(mine, "EP's digest.txt"),
                    Role.EP.displayName(),
                    new DigestReader(hashed, "the Partner's digest.txt"),
                    Role.PARTNER.displayName(),
                    ArchivePair.ENTRY_LIMIT);
            hashed.transferTo(OutputStream.nullOutputStream());
            if (!signedDigest.equals("sha256:" + HexFormat.of().formatHex(sha256.digest()))) {
                throw new SymbolonException(
                        ErrorCode.MEMBER_TAMPERED, "the digest the Partner streamed does not match its signature");
            }
            return diff;
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.PEER_UNAVAILABLE, "the Partner's digest broke off: " + e.getMessage());
        }
    }

    /** Stops EP's write if it still runs and removes EP's archive of this backup. */
    private void discardEpHalf(Future<WrittenArchive> epWrite) {
        epBackup.cancel();
        if (epWrite == null) {
            return;
        }
        try {
            WrittenArchive written = epWrite.get(60, TimeUnit.SECONDS);
            Files.deleteIfExists(written.path());
            LOG.info(
                    "EP's half of a failed backup removed backup={} file={}",
                    run.id(),
                    written.path().getFileName());
        } catch (ExecutionException e) {
            // the write failed or was cancelled: the writer removed its own files
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            LOG.warn("cannot remove EP's half of a failed backup backup={} reason=\"{}\"", run.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void update(BackupRun next) {
        run = next;
        history.update(next);
    }

    private void pause(Duration remaining) {
        if (!remaining.isPositive()) {
            return;
        }
        try {
            Thread.sleep(remaining); // the rest of the interval between two polls of the Partner's progress
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SymbolonException(ErrorCode.INTERNAL, "interrupted while waiting for the Partner");
        }
    }

    private static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
