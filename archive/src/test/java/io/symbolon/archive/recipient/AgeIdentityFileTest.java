package io.symbolon.archive.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.age.Identity;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeIdentityFileTest {
    @TempDir
    Path directory;

    @Test
    void readsX25519AndPostQuantumIdentitiesWithCommentsAndBlankLines() throws IOException {
        X25519Identity second = X25519Identity.generate();
        Path file = directory.resolve("keys.txt");
        Files.writeString(
                file,
                "# created: 2026-01-01\n# public key: " + X25519Test.SPEC_RECIPIENT + "\n" + X25519Test.SPEC_IDENTITY
                        + "\n\n" + MlKem768X25519Test.SPEC_IDENTITY + "\n" + second.encoded() + "\r\n",
                StandardCharsets.UTF_8);
        List<Identity> identities = AgeIdentityFile.read(file);
        assertThat(identities).hasSize(3);
        assertThat(((X25519Identity) identities.get(0)).recipient().encoded()).isEqualTo(X25519Test.SPEC_RECIPIENT);
        assertThat(((MlKem768X25519Identity) identities.get(1)).recipient().encoded())
                .isEqualTo(MlKem768X25519Test.SPEC_RECIPIENT);
        assertThat(((X25519Identity) identities.get(2)).recipient()).isEqualTo(second.recipient());
    }

    @Test
    void aBadLineIsNamedByNumberWithoutItsText() throws IOException {
        Path file = directory.resolve("keys.txt");
        for (String bad : List.of(X25519Test.SPEC_IDENTITY + "x", MlKem768X25519Test.SPEC_IDENTITY + "x")) {
            Files.writeString(file, "# only a comment\n" + bad + "\n", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> AgeIdentityFile.read(file)).isInstanceOfSatisfying(SymbolonException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED);
                assertThat(e.getMessage()).contains("line 2").doesNotContain(bad.substring(20, 44));
            });
        }
    }

    @Test
    void aFileWithoutAnIdentityIsRefused() throws IOException {
        Path file = directory.resolve("empty.txt");
        Files.writeString(file, "# nothing here\n\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AgeIdentityFile.read(file))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("holds no identity");
    }
}
