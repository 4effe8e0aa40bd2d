package io.symbolon.cli.quickstart;

import io.symbolon.archive.Trust;
import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.backup.BackupSettings;
import io.symbolon.server.boot.BootRequest;
import io.symbolon.server.boot.Bootstrap;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.restore.ArchiveRestoration;
import io.symbolon.server.restore.Restoration;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.seal.MachineSealer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The quickstart's pairs: booted with the code of {@code symbolon boot partner} and {@code boot ep} (in
 * this process, each node with its own machine secret, as its own machine), from scratch or from their
 * archives (what {@code boot … -restore} verifies and imports), and their backup keys and settings.
 */
final class SandboxPairs {
    static final String LOCALHOST = "127.0.0.1";

    private final Sandbox sandbox;
    private final PrintWriter out;
    private final SecureRandom random;
    private final Path rootPassword;
    private final Path keystorePassword;

    /** A booted pair: its nodes and EP's API port. */
    record Pair(SandboxNode ep, SandboxNode partner, int apiPort) {}

    SandboxPairs(Sandbox sandbox, PrintWriter out, SecureRandom random, Path rootPassword, Path keystorePassword) {
        this.sandbox = sandbox;
        this.out = out;
        this.random = random;
        this.rootPassword = rootPassword;
        this.keystorePassword = keystorePassword;
    }

    /**
     * Boots a pair with the code of {@code symbolon boot partner} and {@code boot ep} (in this process,
     * each node with its own machine secret): the Partner listens, EP connects, both accept the other's
     * certificate as {@code -f} does. With restorations, each node boots from its archive.
     */
    Pair boot(
            String epName, String partnerName, Optional<Restoration> epRestore, Optional<Restoration> partnerRestore) {
        SandboxNode ep = new SandboxNode(sandbox, epName);
        SandboxNode partner = new SandboxNode(sandbox, partnerName);
        int apiPort = Sandbox.freePort();
        int pairPort = Sandbox.freePort();
        out.println("      symbolon boot partner -s " + LOCALHOST + " -p " + LOCALHOST + " -f --data-dir "
                + partner.dataDir() + " --pair-port " + pairPort
                + partnerRestore.map(r -> " -restore …").orElse(""));
        out.println("      symbolon boot ep -s " + LOCALHOST + " -p " + LOCALHOST + " -f --data-dir " + ep.dataDir()
                + " --api-port " + apiPort + " --pair-port " + pairPort + " --so-password-file …"
                + epRestore.map(r -> " -restore …").orElse(""));
        out.flush();
        CompletableFuture<Bootstrap.Booted> partnerBoot = CompletableFuture.supplyAsync(() -> bootstrap(partner)
                .boot(
                        request(Role.PARTNER, partner, apiPort, pairPort),
                        Optional.empty(),
                        (peer, own) -> true,
                        partnerRestore));
        try {
            bootstrap(ep)
                    .boot(
                            request(Role.EP, ep, apiPort, pairPort),
                            Optional.of(read(rootPassword)),
                            (peer, own) -> true,
                            epRestore);
            partnerBoot.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return new Pair(ep, partner, apiPort);
    }

    private Bootstrap bootstrap(SandboxNode node) {
        return new Bootstrap(
                new MachineSealer(node.machineSecret(), random), new PasswordHasher(random), random, Clock.systemUTC());
    }

    private static BootRequest request(Role role, SandboxNode node, int apiPort, int pairPort) {
        return new BootRequest(
                role,
                LOCALHOST,
                LOCALHOST,
                node.dataDir(),
                LOCALHOST,
                apiPort,
                pairPort,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(120));
    }

    /**
     * What {@code boot … -restore ARCHIVE --keystore … --signer ORIGINAL/node.crt} verifies before it
     * boots: every byte, the signature against the original node's certificate, the content with the
     * restore key, the role.
     */
    Restoration restoration(SandboxNode original, Role role, String archive, Path restoreKeystore) {
        char[] password = read(keystorePassword);
        try {
            Path file =
                    original.dataDir().resolve(BackupSettings.DEFAULT_FOLDER).resolve(archive);
            ArchiveRestoration restoration = ArchiveRestoration.verify(
                    file,
                    role,
                    Trust.certificate(NodeIdentity.readCertificate(original.certificate())),
                    List.of(Keystores.identity(restoreKeystore, password, null, password)));
            out.println("      " + role.displayName() + ": " + file.getFileName() + " verified, signed by "
                    + restoration.verification().signer() + " (pinned: " + original.certificate() + ")");
            return restoration;
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    /** A backup key for {@code node}: its backup keystore named in backup.conf; returns the restore keystore. */
    Path backupKey(SandboxNode node) {
        Path keys = sandbox.root().resolve("keys");
        char[] password = read(keystorePassword);
        try {
            Files.createDirectories(keys);
            BackupKeyGenerator.Generated generated = BackupKeyGenerator.generate(
                    BackupKeyGenerator.Parameters.of(
                            "Symbolon quickstart " + node.name() + " backup key",
                            keys.resolve(node.name() + "-restore.jceks"),
                            keys.resolve(node.name() + "-backup.jceks")),
                    password,
                    password);
            DataDirectory directory = new DataDirectory(node.dataDir());
            BackupSettings.of(directory, generated.backupKeystore(), Optional.of(keystorePassword))
                    .write(directory);
            out.println("      " + node.name() + ": backup key " + generated.fingerprint());
            return generated.restoreKeystore();
        } catch (java.io.IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot create " + keys);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    static char[] read(Path file) {
        try {
            return Files.readString(file).toCharArray();
        } catch (java.io.IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read " + file);
        }
    }
}
