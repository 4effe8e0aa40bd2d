package io.symbolon.cli.client;

import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.options.PlainSecretRefusal;
import io.symbolon.cli.options.SecretSource;
import io.symbolon.cli.options.Secrets;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.server.boot.NodeIdentity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command reaches EP's client API: its URL, how to trust its certificate (a pinned fingerprint,
 * the node's own {@code node.crt} when run beside it with {@code --data-dir}, or {@code -k}), and the
 * credentials ({@code -u user@partition}, the password from an environment variable, a file or the
 * console — never an argument).
 */
public final class ApiOptions {
    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "EP's client API, e.g. https://ep1:8443 (default: $SYMBOLON_URL, else the node in --data-dir).")
    String url;

    @Option(
            names = {"-u", "--user"},
            paramLabel = "USER@PARTITION",
            description = "Who logs in (default: $SYMBOLON_USER, else so@root).")
    String user;

    @Option(
            names = "--password-env",
            paramLabel = "VARIABLE",
            description = "Read the password from this environment variable.")
    String passwordVariable;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file.")
    Path passwordFile;

    @Option(
            names = "--pin",
            paramLabel = "SHA256:…",
            description = "Trust only the API certificate with this key fingerprint (as 'symbolon boot' printed it).")
    String pin;

    @Option(
            names = {"-k", "--insecure"},
            description = "Accept any API certificate (like curl -k): for a first look on a trusted network only.")
    boolean insecure;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    PlainSecretRefusal refusal;

    /** The node's data directory ({@code --data-dir}, else the default), for commands that work on it directly. */
    public io.symbolon.server.boot.DataDirectory dataDirectory() {
        return dataDir.directory();
    }

    /** The login, {@code user@partition}. */
    public String login() {
        String chosen = user != null
                ? user
                : Optional.ofNullable(System.getenv("SYMBOLON_USER")).orElse("so@root");
        if (!chosen.contains("@")) {
            throw new SymbolonException(ErrorCode.USAGE, "-u takes user@partition, e.g. so@root, not '" + chosen + "'");
        }
        return chosen;
    }

    /** The partition of the login (the default partition of object commands). */
    public String loginPartition() {
        String login = login();
        return login.substring(login.lastIndexOf('@') + 1);
    }

    /** A client for the API, asking for the password now if it must. */
    public ApiClient client(Terminal terminal) {
        URI base = base();
        Optional<String> pinned = pinned();
        if (pinned.isEmpty() && !insecure) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "cannot trust EP's certificate: give --pin SHA256:… (the fingerprint 'symbolon boot ep' printed), run"
                            + " beside EP with --data-dir, or -k to accept any certificate");
        }
        char[] password = new Secrets(terminal)
                .read(new SecretSource("password of " + login(), "--password", passwordVariable, passwordFile));
        return new ApiClient(base, login(), password, pinned);
    }

    private URI base() {
        String chosen = url != null ? url : System.getenv("SYMBOLON_URL");
        if (chosen == null || chosen.isBlank()) {
            DataDirectory directory = dataDir.directory();
            if (!Files.exists(directory.config())) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "give EP's address with --url https://HOST:PORT (no booted node in " + directory + ")");
            }
            NodeConfig config = NodeConfig.read(directory.path());
            chosen = "https://localhost:" + config.apiPort();
        }
        try {
            URI uri = URI.create(chosen.endsWith("/") ? chosen.substring(0, chosen.length() - 1) : chosen);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "--url must be https://HOST:PORT, not '" + chosen + "'");
        }
    }

    private Optional<String> pinned() {
        if (pin != null) {
            return Optional.of(pin);
        }
        DataDirectory directory = dataDir.directory();
        if (!insecure && Files.isReadable(directory.certificate())) {
            return Optional.of(KeyFingerprint.of(
                    NodeIdentity.readCertificate(directory.certificate()).getPublicKey()));
        }
        return Optional.empty();
    }
}
