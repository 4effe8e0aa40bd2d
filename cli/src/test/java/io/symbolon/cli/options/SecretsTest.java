package io.symbolon.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path directory;

    private static SecretSource source(String variable, Path file) {
        return new SecretSource("password of keystore k.jceks", "--keystore-password", variable, file);
    }

    @Test
    void readsAnEnvironmentVariable() {
        Secrets secrets = new Secrets(ScriptedTerminal.withoutConsole().variable("PW", "s3cret"));

        assertThat(secrets.read(source("PW", null))).containsExactly("s3cret".toCharArray());
    }

    @Test
    void readsAFileWithoutItsTrailingLineBreak() throws Exception {
        Path file = Files.write(directory.resolve("pw"), "pässword\r\n".getBytes(StandardCharsets.UTF_8));

        char[] secret = new Secrets(ScriptedTerminal.withoutConsole()).read(source(null, file));

        assertThat(new String(secret)).isEqualTo("pässword");
    }

    @Test
    void asksTheConsoleWhenNothingWasNamed() {
        ScriptedTerminal terminal = ScriptedTerminal.typing("typed");

        assertThat(new Secrets(terminal).read(source(null, null))).containsExactly("typed".toCharArray());
        assertThat(terminal.prompts()).containsExactly("Enter the password of keystore k.jceks: ");
    }

    @Test
    void withoutAConsoleSaysWhichOptionsToUse() {
        assertThatThrownBy(() -> new Secrets(ScriptedTerminal.withoutConsole()).read(source(null, null)))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USAGE))
                .hasMessageContaining("no console")
                .hasMessageContaining("--keystore-password-env VARIABLE")
                .hasMessageContaining("--keystore-password-file FILE");
    }

    @Test
    void refusesAnUnsetVariableAnEmptyFileAndBothSources() throws Exception {
        Secrets secrets = new Secrets(ScriptedTerminal.withoutConsole());
        Path empty = Files.writeString(directory.resolve("empty"), "\n");

        assertThatThrownBy(() -> secrets.read(source("UNSET", null)))
                .hasMessageContaining("environment variable UNSET")
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> secrets.read(source(null, empty))).hasMessageContaining("is empty");
        assertThatThrownBy(() -> secrets.read(source("UNSET", empty))).hasMessageContaining("not both");
        assertThatThrownBy(() -> secrets.read(source(null, directory.resolve("missing"))))
                .isInstanceOfSatisfying(
                        SymbolonException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aNewSecretIsAskedTwiceAndMustMatch() {
        assertThat(new Secrets(ScriptedTerminal.typing("new", "new")).readNew(source(null, null)))
                .containsExactly("new".toCharArray());
        assertThatThrownBy(() -> new Secrets(ScriptedTerminal.typing("new", "old")).readNew(source(null, null)))
                .hasMessageContaining("differ")
                .hasMessageNotContaining("new")
                .hasMessageNotContaining("old");
    }
}
