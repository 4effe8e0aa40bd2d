package io.symbolon.cli.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Terminal;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key sign UID|NAME (--in FILE | --message TEXT) [--out FILE]}: a joint Ed25519 signature. */
@Command(
        name = "sign",
        description = "Sign a message with an Ed25519 key, jointly on EP and the Partner: neither holds the key."
                + " The key needs the SIGN usage. Prints the signature (base64) or writes its 64 bytes to --out.")
final class SignCommand extends KeyCommand.Common implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "UID|NAME", description = "The Ed25519 key.")
    String object;

    static final class Message {
        @Option(names = "--in", paramLabel = "FILE", description = "The message, read from a file ('-': stdin).")
        Path in;

        @Option(names = "--message", paramLabel = "TEXT", description = "The message, as UTF-8 text.")
        String text;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Message message;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the raw 64-byte signature here.")
    Path outFile;

    SignCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        byte[] bytes = message.text != null ? message.text.getBytes(StandardCharsets.UTF_8) : read(message.in);
        JsonNode signed = api.client(terminal)
                .post(
                        object(object) + "/sign",
                        Map.of("message", Base64.getEncoder().encodeToString(bytes)));
        byte[] signature = Base64.getDecoder().decode(signed.path("signature").asText());
        if (outFile != null) {
            write(outFile, signature);
        }
        if (json) {
            JsonOutput.print(out(), signed);
        } else if (outFile != null) {
            out().println("Signed " + bytes.length + " bytes with "
                    + signed.path("uid").asText() + " ('" + signed.path("name").asText() + "'); signature written to "
                    + outFile + ".");
        } else {
            out().println(signed.path("signature").asText());
        }
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            return file.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot write " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
