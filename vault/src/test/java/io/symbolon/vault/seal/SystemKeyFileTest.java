package io.symbolon.vault.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemKeyFileTest {
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path directory;

    @Test
    void opensTheSameSystemKeyItCreated() throws Exception {
        Path dataDirectory = directory.resolve("data");
        MachineSealer sealer = new MachineSealer(directory.resolve("machine-secret"), random);
        byte[] protectedByCreated;
        try (SystemKey created = SystemKeyFile.create(dataDirectory, sealer, random);
                SecretBytes secret = SecretBytes.adopt(new byte[] {9, 8, 7})) {
            protectedByCreated = created.encryptLocal("test", secret);
        }
        try (SystemKey opened = SystemKeyFile.open(dataDirectory, sealer, random);
                SecretBytes secret = opened.decryptLocal("test", protectedByCreated)) {
            assertThat(secret.reveal()).containsExactly(9, 8, 7);
        }
        Path file = dataDirectory.resolve(SystemKeyFile.NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesToReplaceAnExistingSystemKey() {
        MachineSealer sealer = new MachineSealer(directory.resolve("machine-secret"), random);
        SystemKeyFile.create(directory, sealer, random).close();
        assertThatThrownBy(() -> SystemKeyFile.create(directory, sealer, random))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void refusesADataDirectoryCopiedFromAnotherMachineAndSaysWhatToDo() throws Exception {
        Path original = directory.resolve("machine1/data");
        MachineSealer machine1 = new MachineSealer(directory.resolve("machine1/machine-secret"), random);
        MachineSealer machine2 = new MachineSealer(directory.resolve("machine2/machine-secret"), random);
        SystemKeyFile.create(original, machine1, random).close();
        Path copy = Files.createDirectories(directory.resolve("machine2/data"));
        Files.copy(
                original.resolve(SystemKeyFile.NAME),
                copy.resolve(SystemKeyFile.NAME),
                StandardCopyOption.COPY_ATTRIBUTES);

        assertThatThrownBy(() -> SystemKeyFile.open(copy, machine2, random))
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SEALED);
                    assertThat(e.getMessage())
                            .isEqualTo("the system key of " + copy + " was sealed on another machine (machine secret "
                                    + machine1.fingerprint() + " expected, " + machine2.fingerprint() + " found);"
                                    + " restore from a backup instead of copying a data directory");
                });
    }

    @Test
    void saysWhenThereIsNoSystemKeyYet() {
        MachineSealer sealer = new MachineSealer(directory.resolve("machine-secret"), random);
        assertThatThrownBy(() -> SystemKeyFile.open(directory.resolve("empty"), sealer, random))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void refusesALocalSecretOfAnotherPurposeOrAnotherKey() {
        try (SystemKey key = SystemKey.generate(random);
                SystemKey other = SystemKey.generate(random);
                SecretBytes secret = SecretBytes.adopt(new byte[32])) {
            byte[] encrypted = key.encryptLocal("refresh-seed", secret);
            assertThatThrownBy(() -> key.decryptLocal("other", encrypted)).isInstanceOf(SymbolonException.class);
            assertThatThrownBy(() -> other.decryptLocal("refresh-seed", encrypted))
                    .isInstanceOf(SymbolonException.class);
        }
    }
}
