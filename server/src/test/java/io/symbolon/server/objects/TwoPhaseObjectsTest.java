package io.symbolon.server.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-phase protocol's rule, an object exists exactly when EP's row is ACTIVE, under a Partner that
 * fails at each step; the janitor settles what is left; the pair check sees what is wrong.
 */
class TwoPhaseObjectsTest {
    @TempDir
    Path directory;

    private InProcessPair pair;
    private ObjectService objects;

    @BeforeEach
    void open() {
        pair = new InProcessPair(directory);
        objects = pair.objects();
    }

    @AfterEach
    void close() {
        pair.close();
    }

    private static ObjectRequest request(String name, ObjectType type) {
        return new ObjectRequest(
                "root", name, type, "", "", true, true, Set.of(Usage.SIGN), Optional.empty(), Optional.empty(), 24);
    }

    private long rows(io.symbolon.vault.storage.Storage storage) {
        return storage.count(ObjectState.ACTIVE)
                + storage.count(ObjectState.PENDING)
                + storage.count(ObjectState.DELETING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES-128", "AES-256", "HMAC-SHA256", "EC-P256", "Ed25519", "secret-data"})
    void jointGenerationCombinesToTheStoredPublicKeyAndPassesThePairCheck(String label) {
        VaultObject object = objects.generate(request("k", ObjectType.parse(label)));

        assertThat(pair.ep.find(object.uid())).contains(object);
        assertThat(pair.partnerVault.find(object.uid())).contains(object);
        PairReport report = new PairCheck(pair.ep, pair.partner).run();
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.publicKeysChecked()).isEqualTo(object.type().hasPublicKey() ? 1 : 0);
        try (SecretBytes whole = objects.export("root", object.uid())) {
            assertThat(whole.length())
                    .isEqualTo(
                            object.type() == ObjectType.SECRET_DATA
                                    ? 24
                                    : object.type() == ObjectType.AES_128 ? 16 : 32);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"drawShare", "prepareCreate", "commitCreate"})
    void aPartnerFailingAtAnyStepOfACreationLeavesNoHalfObject(String step) {
        pair.partner.fail(step);

        assertThatThrownBy(() -> objects.generate(request("k", ObjectType.ED25519)))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.PEER_UNAVAILABLE));

        assertThat(rows(pair.epStorage)).isZero();
        assertThat(rows(pair.partnerStorage)).isZero();
    }

    @Test
    void theJanitorRemovesWhatAPartnerUnreachableDuringTheRollBackKept() {
        pair.partner.fail("commitCreate", "forceDelete");
        assertThatThrownBy(() -> objects.generate(request("k", ObjectType.AES_256)))
                .isInstanceOf(SymbolonException.class);
        assertThat(pair.partnerStorage.count(ObjectState.PENDING)).isEqualTo(1);
        pair.partner.heal();

        int settled = new Janitor(pair.ep, pair.epStorage, pair.partner, pair.clock, Duration.ZERO).settle();

        assertThat(settled).isEqualTo(1);
        assertThat(rows(pair.epStorage)).isZero();
        assertThat(rows(pair.partnerStorage)).isZero();
    }

    @Test
    void aDeletionWhosePartnerPreparationFailsLeavesTheObjectOnBothNodes() {
        VaultObject object = objects.generate(request("k", ObjectType.AES_256));
        pair.partner.fail("prepareDelete");

        assertThatThrownBy(() -> objects.delete("root", object.uid())).isInstanceOf(SymbolonException.class);

        assertThat(pair.ep.find(object.uid())).isPresent();
        assertThat(pair.partnerVault.find(object.uid())).isPresent();
    }

    @Test
    void aDeletionCommittedOnEpIsFinishedOnThePartnerByTheJanitor() {
        VaultObject object = objects.generate(request("k", ObjectType.AES_256));
        pair.partner.fail("commitDelete");

        assertThat(objects.delete("root", object.uid())).isEqualTo(ObjectService.Deletion.BOTH);
        assertThat(pair.ep.find(object.uid())).isEmpty();
        assertThat(pair.partnerStorage.count(ObjectState.DELETING)).isEqualTo(1);
        pair.partner.heal();

        new Janitor(pair.ep, pair.epStorage, pair.partner, pair.clock, Duration.ZERO).settle();

        assertThat(rows(pair.partnerStorage)).isZero();
    }

    @Test
    void anObjectOnOneNodeOnlyIsReportedAndDeletedFromThatNode() {
        VaultObject object = objects.generate(request("k", ObjectType.EC_P256));
        pair.partnerVault.forceDelete(object.uid());

        PairReport report = new PairCheck(pair.ep, pair.partner).run();
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.uid()).isEqualTo(object.uid().toString());
            assertThat(problem.detail()).isEqualTo("exists only in EP");
        });

        assertThat(objects.delete("root", object.uid())).isEqualTo(ObjectService.Deletion.EP_ONLY);
        assertThat(new PairCheck(pair.ep, pair.partner).run().ok()).isTrue();
    }

    @Test
    void importKeepsOnlyEpsShareOnEpAndExportGivesTheKeyBack() {
        byte[] key = new byte[32];
        pair.random.nextBytes(key);
        VaultObject object;
        try (SecretBytes material = SecretBytes.copyOf(key)) {
            object = objects.importObject(request("imported", ObjectType.AES_256), material);
        }
        try (SecretBytes epShare = pair.ep.readShare(object.uid());
                SecretBytes partnerShare = pair.partnerVault.readShare(object.uid())) {
            assertThat(epShare.reveal()).isNotEqualTo(key);
            assertThat(partnerShare.reveal()).isNotEqualTo(key);
        }
        try (SecretBytes whole = objects.export("root", object.uid())) {
            assertThat(whole.reveal()).isEqualTo(key);
        }
    }

    @Test
    void thePartnerRefusesItsShareOfANonExtractableObjectEvenToEp() {
        ObjectRequest sealed = new ObjectRequest(
                "root",
                "kept",
                ObjectType.AES_256,
                "",
                "",
                false,
                true,
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                0);
        VaultObject object = objects.generate(sealed);

        assertThatThrownBy(() -> pair.partner.share(object.uid(), 1, 0))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> objects.export("root", object.uid()))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void uidsAreThoseOfTheSeeds() {
        VaultObject object = objects.generate(request("k", ObjectType.AES_128));
        assertThat(ObjectUid.parse(object.uid().toString())).isEqualTo(object.uid());
        assertThat(object.uid().toString()).matches("0x00[0-9a-f]{16}");
    }
}
