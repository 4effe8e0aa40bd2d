package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup.conf: written, read back, turned into the backup keystore's recipients. */
class BackupSettingsTest {
    @TempDir
    Path directory;

    @Test
    void readsBackWhatItWroteAndFindsTheKeystoresRecipient() throws Exception {
        DataDirectory node = new DataDirectory(Files.createDirectories(directory.resolve("node")));
        Path password = Files.writeString(directory.resolve("password"), "store password\n");
        var generated = BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of(
                                "test", directory.resolve("restore.p12"), directory.resolve("backup.p12"))
                        .withStoreType("PKCS12"),
                "restore password".toCharArray(),
                "store password".toCharArray());
        BackupSettings written = BackupSettings.of(node, generated.backupKeystore(), Optional.of(password));
        written.write(node);

        BackupSettings read = BackupSettings.read(node);

        assertThat(read).isEqualTo(written);
        assertThat(read.folder()).isEqualTo(node.path().resolve("backup"));
        assertThat(Files.readString(node.path().resolve(BackupSettings.FILE))).doesNotContain("store password");
        assertThat(read.recipients()).hasSize(1);
        assertThat(read.recipients().getFirst().toString()).contains(generated.fingerprint());
    }

    @Test
    void saysWhatToDoWithoutSettingsOrWithAWrongPassword() throws Exception {
        DataDirectory node = new DataDirectory(Files.createDirectories(directory.resolve("node")));
        assertThatThrownBy(() -> BackupSettings.read(node))
                .hasMessageContaining("no backup settings")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);

        var generated = BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of(
                        "test", directory.resolve("restore.jceks"), directory.resolve("backup.jceks")),
                "restore password".toCharArray(),
                "store password".toCharArray());
        Path wrong = Files.writeString(directory.resolve("wrong"), "not it");
        BackupSettings.of(node, generated.backupKeystore(), Optional.of(wrong)).write(node);
        assertThatThrownBy(() -> BackupSettings.read(node).recipients())
                .hasMessageContaining("backup.jceks")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.WRONG_PASSWORD);
    }

    @Test
    void readsAFileWrittenBeforeSchedulingAsBeforeAndKeepsTheNewSettings() throws Exception {
        DataDirectory node = new DataDirectory(Files.createDirectories(directory.resolve("node")));
        Path file = node.path().resolve(BackupSettings.FILE);
        Files.writeString(file, "keystore=/etc/symbolon/ep-backup.jceks\nkeystore.passwordFile=/etc/pw\nfolder=/b\n");

        BackupSettings old = BackupSettings.read(node);
        assertThat(old.schedule()).isEmpty();
        assertThat(old.custodianSet()).isEmpty();
        assertThat(old.retention()).isEqualTo(BackupRetention.none());

        Files.writeString(
                file,
                "keystore=/k.jceks\nschedule=30 2 * * *\nschedule.timeZone=Europe/Paris\nretention.count=14\n"
                        + "retention.days=30\ncustodianSet=/etc/symbolon/finance.set\nsomethingLater=kept alone\n");
        BackupSettings read = BackupSettings.read(node);
        assertThat(read.schedule()).map(BackupSchedule::describe).contains("30 2 * * * (Europe/Paris)");
        assertThat(read.retention().count()).hasValue(14);
        assertThat(read.retention().days()).hasValue(30);
        assertThat(read.custodianSet()).contains(Path.of("/etc/symbolon/finance.set"));

        read.write(node);
        assertThat(BackupSettings.read(node)).isEqualTo(read);
        assertThat(Files.readString(file)).contains("schedule=30 2 * * *\n", "schedule.timeZone=Europe/Paris\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "schedule=every day",
                "schedule=61 * * * *",
                "retention.count=0",
                "retention.days=x",
                "schedule.timeZone=Nowhere/Land\nschedule=@daily"
            })
    void refusesSettingsItCannotFollowNamingTheFile(String line) throws Exception {
        DataDirectory node = new DataDirectory(Files.createDirectories(directory.resolve("node")));
        Files.writeString(node.path().resolve(BackupSettings.FILE), "keystore=/k.jceks\n" + line + "\n");
        assertThatThrownBy(() -> BackupSettings.read(node))
                .hasMessageContaining(BackupSettings.FILE)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.MALFORMED);
    }
}
