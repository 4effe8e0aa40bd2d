package io.symbolon.cli.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.Terminal;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key derive UID|NAME --peer-key FILE --out FILE}: a joint ECDH on P-256. */
@Command(
        name = "derive",
        description = "Derive an ECDH shared secret between an EC-P256 key and a peer's public key, jointly on EP"
                + " and the Partner: neither holds the key. The key needs the DERIVE usage. Writes the secret"
                + " (the 32-byte x-coordinate, as 'openssl pkeyutl -derive' does) to --out, mode 0600.")
final class DeriveCommand extends KeyCommand.Common implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "UID|NAME", description = "The EC-P256 key.")
    String object;

    @Option(
            names = "--peer-key",
            required = true,
            paramLabel = "FILE",
            description = "The peer's P-256 public key: PEM ('BEGIN PUBLIC KEY'), X.509 DER, or raw SEC1 bytes.")
    Path peerKey;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "Where to write the shared secret (must not exist).")
    Path outFile;

    DeriveCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        byte[] publicKey = publicKey(peerKey);
        JsonNode derived = api.client(terminal)
                .post(
                        object(object) + "/derive",
                        Map.of("publicKey", Base64.getEncoder().encodeToString(publicKey)));
        byte[] secret = Base64.getDecoder().decode(derived.path("secret").asText());
        try {
            Files.write(
                    Files.createFile(
                            outFile,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    secret,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot write " + outFile + ": " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        out().println("Derived a " + secret.length + "-byte secret with "
                + derived.path("uid").asText() + " ('" + derived.path("name").asText() + "') into " + outFile + ".");
        return 0;
    }

    private static byte[] publicKey(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.startsWith("-----BEGIN")) {
            return bytes;
        }
        if (!text.startsWith("-----BEGIN PUBLIC KEY-----")) {
            throw new SymbolonException(ErrorCode.USAGE, file + " is PEM but not a 'PUBLIC KEY'");
        }
        try {
            return Base64.getMimeDecoder()
                    .decode(text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, file + " is not valid PEM");
        }
    }
}
