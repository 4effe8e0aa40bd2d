package io.symbolon.vault.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineSealerTest {
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path directory;

    @Test
    void unsealsWhatItSealedOnTheSameMachine() {
        MachineSealer sealer = new MachineSealer(directory.resolve("etc/machine-secret"), random);
        try (SecretBytes secret = SecretBytes.adopt(new byte[] {1, 2, 3, 4});
                SecretBytes unsealed = sealer.unseal(sealer.seal(secret))) {
            assertThat(unsealed.sameAs(secret)).isTrue();
        }
    }

    @Test
    void createsTheMachineSecretOnceAsThirtyTwoBytesOnlyItsOwnerCanRead() throws Exception {
        Path secretFile = directory.resolve("etc/machine-secret");
        MachineSealer sealer = new MachineSealer(secretFile, random);
        String fingerprint = sealer.fingerprint();

        assertThat(Files.size(secretFile)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                .isEqualTo("rw-------");
        assertThat(new MachineSealer(secretFile, random).fingerprint()).isEqualTo(fingerprint);
        assertThat(fingerprint).matches("[0-9a-f]{16}");
        try (var leftovers = Files.list(secretFile.getParent())) {
            assertThat(leftovers).containsExactly(secretFile);
        }
    }

    @Test
    void refusesToUnsealWithAnotherMachinesSecretNamingBothFingerprints() {
        MachineSealer here = new MachineSealer(directory.resolve("here"), random);
        MachineSealer there = new MachineSealer(directory.resolve("there"), random);
        byte[] sealed;
        try (SecretBytes secret = SecretBytes.adopt(new byte[32])) {
            sealed = here.seal(secret);
        }

        assertThatThrownBy(() -> there.unseal(sealed)).isInstanceOfSatisfying(SealedElsewhereException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.SEALED);
            assertThat(e.expected()).isEqualTo(here.fingerprint());
            assertThat(e.found()).isEqualTo(there.fingerprint());
        });
    }

    @Test
    void keepsOnlyTheFingerprintOfTheMachineSecretBesideTheSealedKey() throws Exception {
        Path secretFile = directory.resolve("machine-secret");
        MachineSealer sealer = new MachineSealer(secretFile, random);
        byte[] sealed;
        try (SecretBytes secret = SecretBytes.adopt(new byte[32])) {
            sealed = sealer.seal(secret);
        }
        String text = new String(sealed, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("symbolon sealed key v1\nsealer: machine\nmachine-secret: " + sealer.fingerprint());
        assertThat(text).doesNotContain(HexFormat.of().formatHex(Files.readAllBytes(secretFile)));
        assertThat(sealer.describe()).contains(sealer.fingerprint()).contains(secretFile.toString());
    }

    @Test
    void refusesASealedKeyWhoseHeaderOrCiphertextWasEdited() {
        MachineSealer sealer = new MachineSealer(directory.resolve("machine-secret"), random);
        byte[] sealed;
        try (SecretBytes secret = SecretBytes.adopt(new byte[32])) {
            sealed = sealer.seal(secret);
        }
        String text = new String(sealed, StandardCharsets.US_ASCII);
        String otherCiphertext = text.substring(0, text.length() - 4)
                + (text.charAt(text.length() - 4) == 'A' ? "B" : "A")
                + text.substring(text.length() - 3);
        String otherSealer = text.replace("sealer: machine", "sealer: passphrase");

        for (String damaged : new String[] {otherCiphertext, otherSealer, "", "symbolon sealed key v1\n"}) {
            assertThatThrownBy(() -> sealer.unseal(damaged.getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOfSatisfying(
                            SymbolonException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.SEALED));
        }
    }

    @Test
    void refusesAMachineSecretOfTheWrongLength() throws Exception {
        Path secretFile = directory.resolve("machine-secret");
        Files.write(secretFile, new byte[31]);
        assertThatThrownBy(() -> new MachineSealer(secretFile, random).fingerprint())
                .isInstanceOfSatisfying(SymbolonException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.SEALED);
                    assertThat(e.getMessage()).contains(secretFile.toString());
                });
    }

    @Test
    void findsTheMachineSecretWhereTheEnvironmentSays() {
        assertThat(MachineSealer.secretFileFrom(Map.of())).isEqualTo(MachineSealer.DEFAULT_SECRET_FILE);
        assertThat(MachineSealer.secretFileFrom(Map.of(MachineSealer.SECRET_FILE_VARIABLE, "/srv/secret")))
                .isEqualTo(Path.of("/srv/secret"));
        assertThat(MachineSealer.DEFAULT_SECRET_FILE).isEqualTo(Path.of("/etc/symbolon/machine-secret"));
    }
}
