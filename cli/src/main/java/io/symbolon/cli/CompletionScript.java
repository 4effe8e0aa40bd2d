package io.symbolon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash/zsh completion script for every command and option ({@code cli/target/symbolon_completion},
 * made at build time). The root's groups are added in code ({@link Main#fullCommandLine}), so picocli's own
 * generator, which reads only the annotations, would see none of them.
 */
public final class CompletionScript {
    private CompletionScript() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionScript OUTPUT_FILE");
        }
        String script = AutoComplete.bash("symbolon", Main.fullCommandLine(new TerminalFactory()));
        Files.writeString(Path.of(args[0]), script, StandardCharsets.UTF_8);
    }
}
