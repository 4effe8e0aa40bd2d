package io.symbolon.server.objects;

import io.symbolon.error.SymbolonException;
import io.symbolon.vault.Vault;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.ShareScheme;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server test} (seed 002): is the pair up and consistent? Walks EP's and the Partner's ACTIVE
 * objects side by side in uid order, a page at a time, and checks that every object is on both nodes
 * with the same description (version, epoch and every attribute: the fingerprints are equal), that
 * each node's share opens, and that for EC and Ed25519 keys EP's and the Partner's public shares add up
 * to the stored public key. Neither node reveals its share: only share·G crosses the channel.
 */
public final class PairCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PairCheck.class);
    private static final int PAGE = 500;

    private final Vault vault;
    private final Partner partner;
    private final ObjectEntries local;

    public PairCheck(Vault vault, Partner partner) {
        this.vault = vault;
        this.partner = partner;
        this.local = new ObjectEntries(vault);
    }

    public PairReport run() {
        NodeSettings node = vault.node();
        PairReport.NodeReport epReport = new PairReport.NodeReport(
                "EP", node.selfHostname(), node.nodeId(), node.pairId(), node.currentEpoch(), 0);
        List<PairReport.Problem> problems = new ArrayList<>();
        long[] problemCount = {0};
        NodeHello hello;
        try {
            hello = partner.hello();
        } catch (SymbolonException e) {
            problems.add(
                    new PairReport.Problem(null, null, null, null, "the Partner did not answer: " + e.getMessage()));
            LOG.info("server test failed reason=partner-unavailable");
            return new PairReport(false, node.pairId(), epReport, null, 0, 0, 1, problems);
        }
        BiFunction<VaultObject, String, Void> problem = (object, detail) -> {
            problemCount[0]++;
            if (problems.size() < PairReport.MAX_LISTED) {
                problems.add(
                        object == null
                                ? new PairReport.Problem(null, null, null, null, detail)
                                : new PairReport.Problem(
                                        object.uid().toString(),
                                        object.name(),
                                        object.partition(),
                                        object.type().label(),
                                        detail));
            }
            return null;
        };
        if (!hello.pairId().equals(node.pairId())) {
            problem.apply(null, "the Partner belongs to pair " + hello.pairId() + ", EP to pair " + node.pairId());
        }
        if (hello.epoch() != node.currentEpoch()) {
            problem.apply(null, "EP is at epoch " + node.currentEpoch() + ", the Partner at epoch " + hello.epoch());
        }
        Iterator<ObjectEntry> ours = entries(local::page);
        Iterator<ObjectEntry> theirs = entries(partner::entries);
        long epCount = 0;
        long partnerCount = 0;
        long checked = 0;
        long publicKeys = 0;
        ObjectEntry a = next(ours);
        ObjectEntry b = next(theirs);
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : a.uid().compareTo(b.uid());
            if (order < 0) {
                epCount++;
                problem.apply(a.object(), "exists only in EP");
                a = next(ours);
                continue;
            }
            if (order > 0) {
                partnerCount++;
                problem.apply(b.object(), "exists only in Partner");
                b = next(theirs);
                continue;
            }
            epCount++;
            partnerCount++;
            checked++;
            if (a.problem() != null) {
                problem.apply(a.object(), "EP: " + a.problem());
            }
            if (b.problem() != null) {
                problem.apply(b.object(), "Partner: " + b.problem());
            }
            if (a.object().version() != b.object().version()) {
                problem.apply(
                        a.object(),
                        "version " + a.object().version() + " on EP, "
                                + b.object().version() + " on Partner");
            } else if (a.object().epoch() != b.object().epoch()) {
                problem.apply(
                        a.object(),
                        "epoch " + a.object().epoch() + " on EP, " + b.object().epoch() + " on Partner");
            } else if (!a.fingerprint().equals(b.fingerprint())) {
                problem.apply(
                        a.object(), "described differently on EP and Partner (attributes, name or public data differ)");
            } else if (a.object().type().hasPublicKey() && a.publicShare() != null && b.publicShare() != null) {
                publicKeys++;
                ScalarScheme scalars = (ScalarScheme) ShareScheme.of(a.object().type());
                if (!scalars.publicSharesMatch(
                        a.publicShare(),
                        b.publicShare(),
                        a.object().publicData().bytes())) {
                    problem.apply(a.object(), "the public shares of EP and Partner do not add up to the public key");
                }
            }
            a = next(ours);
            b = next(theirs);
        }
        boolean ok = problemCount[0] == 0;
        LOG.info(
                "server test finished ok={} objectsChecked={} publicKeys={} problems={}",
                ok,
                checked,
                publicKeys,
                problemCount[0]);
        return new PairReport(
                ok,
                node.pairId(),
                new PairReport.NodeReport(
                        "EP", node.selfHostname(), node.nodeId(), node.pairId(), node.currentEpoch(), epCount),
                new PairReport.NodeReport(
                        "Partner", hello.hostname(), hello.nodeId(), hello.pairId(), hello.epoch(), partnerCount),
                checked,
                publicKeys,
                problemCount[0],
                problems);
    }

    private static ObjectEntry next(Iterator<ObjectEntry> entries) {
        return entries.hasNext() ? entries.next() : null;
    }

    private static Iterator<ObjectEntry> entries(BiFunction<Optional<ObjectUid>, Integer, Partner.EntryPage> source) {
        return new Iterator<>() {
            private Partner.EntryPage page = source.apply(Optional.empty(), PAGE);
            private int index;

            @Override
            public boolean hasNext() {
                while (index == page.entries().size()) {
                    if (page.next().isEmpty()) {
                        return false;
                    }
                    page = source.apply(page.next(), PAGE);
                    index = 0;
                }
                return true;
            }

            @Override
            public ObjectEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.entries().get(index++);
            }
        };
    }
}
