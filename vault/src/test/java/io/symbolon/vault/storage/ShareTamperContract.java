package io.symbolon.vault.storage;

import static io.symbolon.vault.testing.SampleObjects.aes256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.seal.SystemKey;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows damaged behind the storage's back, as by someone with write access to the database: every kind
 * of edit is refused when the share is read, naming the uid, never answered with a different share.
 */
interface ShareTamperContract extends StorageFixture {
    long VICTIM = 0x0011111111111111L;
    long OTHER = 0x0022222222222222L;

    /** One way of damaging the victim's row. */
    @FunctionalInterface
    interface Damage {
        void apply(StorageFixture fixture) throws Exception;
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                Arguments.of("a bit of the sealed share flipped", (Damage) f -> {
                    byte[] sealed = (byte[]) f.queryColumn("sealed_share", VICTIM);
                    sealed[sealed.length / 2] ^= 0x01;
                    f.executeSql("UPDATE objects SET sealed_share = ? WHERE uid = ?", sealed, VICTIM);
                }),
                Arguments.of("the sealed share truncated", (Damage) f -> {
                    byte[] sealed = (byte[]) f.queryColumn("sealed_share", VICTIM);
                    f.executeSql(
                            "UPDATE objects SET sealed_share = ? WHERE uid = ?",
                            java.util.Arrays.copyOf(sealed, sealed.length - 1),
                            VICTIM);
                }),
                Arguments.of("the sealed share moved from another uid", (Damage) f -> {
                    byte[] other = (byte[]) f.queryColumn("sealed_share", OTHER);
                    f.executeSql("UPDATE objects SET sealed_share = ? WHERE uid = ?", other, VICTIM);
                }),
                Arguments.of("the version changed", (Damage)
                        f -> f.executeSql("UPDATE objects SET version = 2 WHERE uid = ?", VICTIM)),
                Arguments.of("the epoch changed", (Damage)
                        f -> f.executeSql("UPDATE objects SET epoch = 1 WHERE uid = ?", VICTIM)),
                Arguments.of("made extractable", (Damage)
                        f -> f.executeSql("UPDATE objects SET extractable = ? WHERE uid = ?", true, VICTIM)),
                Arguments.of("renamed", (Damage)
                        f -> f.executeSql("UPDATE objects SET name = 'renamed' WHERE uid = ?", VICTIM)),
                Arguments.of("usages widened", (Damage)
                        f -> f.executeSql("UPDATE objects SET usages = 255 WHERE uid = ?", VICTIM)));
    }

    private Vault vaultWithTwoKeys(SystemKey key) {
        Vault vault = Vault.open(storage(), key, CLOCK, new SecureRandom());
        for (long uid : new long[] {VICTIM, OTHER}) {
            VaultObject object = aes256(uid, PARTITION, "key " + uid, 0);
            try (SecretBytes share = vault.drawShare(object.type(), 32)) {
                vault.prepareCreate(object, share);
            }
            vault.commitCreate(object.uid());
        }
        return vault;
    }

    private static void assertRefusedNaming(Runnable read, long uid) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(SymbolonException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.SHARE_TAMPERED);
            assertThat(e.getMessage()).contains(new ObjectUid(uid).toString());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    default void refusesADamagedRowNamingItsUid(String description, Damage damage) throws Exception {
        try (SystemKey key = SystemKey.generate(new SecureRandom())) {
            Vault vault = vaultWithTwoKeys(key);
            vault.readShare(new ObjectUid(VICTIM)).close();

            damage.apply(this);

            assertRefusedNaming(() -> vault.readShare(new ObjectUid(VICTIM)).close(), VICTIM);
            vault.readShare(new ObjectUid(OTHER)).close(); // the neighbour is unharmed
        }
    }

    @Test
    default void refusesSharesSwappedBetweenTwoRows() throws Exception {
        try (SystemKey key = SystemKey.generate(new SecureRandom())) {
            Vault vault = vaultWithTwoKeys(key);
            byte[] victim = (byte[]) queryColumn("sealed_share", VICTIM);
            byte[] other = (byte[]) queryColumn("sealed_share", OTHER);
            executeSql("UPDATE objects SET sealed_share = ? WHERE uid = ?", other, VICTIM);
            executeSql("UPDATE objects SET sealed_share = ? WHERE uid = ?", victim, OTHER);

            assertRefusedNaming(() -> vault.readShare(new ObjectUid(VICTIM)).close(), VICTIM);
            assertRefusedNaming(() -> vault.readShare(new ObjectUid(OTHER)).close(), OTHER);
        }
    }

    @Test
    default void refusesSharesUnderAnotherNodesSystemKey() {
        try (SystemKey key = SystemKey.generate(new SecureRandom());
                SystemKey another = SystemKey.generate(new SecureRandom())) {
            vaultWithTwoKeys(key);
            Vault stranger = Vault.open(storage(), another, CLOCK, new SecureRandom());
            assertRefusedNaming(() -> stranger.readShare(new ObjectUid(VICTIM)).close(), VICTIM);
        }
    }

    @Test
    default void stopsABackupSnapshotAtADamagedRowNamingItsUid() throws Exception {
        try (SystemKey key = SystemKey.generate(new SecureRandom())) {
            Vault vault = vaultWithTwoKeys(key);
            executeSql("UPDATE objects SET version = 5 WHERE uid = ?", OTHER);
            try (VaultSnapshot snapshot = vault.snapshot()) {
                var entries = snapshot.objects();
                entries.next().close(); // VICTIM sorts first and is intact
                assertRefusedNaming(() -> entries.next().close(), OTHER);
            }
        }
    }
}
