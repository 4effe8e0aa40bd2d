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
}
