package io.symbolon.cli.archive;

import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.signature.CertificatePem;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the archive command tests share, made once per test run (RSA key generation is slow): a backup
 * key made with {@code backup keygen}, and an archive of {@link #OBJECTS} objects written to it by the
 * library and signed by {@link #NODE}. Tests copy the archive before damaging it.
 */
final class SampleBackup {
    static final Instant CREATED = Instant.parse("2026-11-23T03:27:16Z");
    static final String RESTORE_PASSWORD = "restore keystore password";
    static final String BACKUP_PASSWORD = "backup keystore password";
    static final int OBJECTS = 25;

    static final Path DIRECTORY = temporaryDirectory();
    static final Path RESTORE_KEYSTORE = DIRECTORY.resolve("restore.jceks");
    static final Path BACKUP_KEYSTORE = DIRECTORY.resolve("backup.jceks");
    static final NodeSigner NODE = TestSigners.ed25519("node-ep");
    static final String BACKUP_KEY_FINGERPRINT;
    static final Path ARCHIVE;
    static final Path NODE_CERTIFICATE;

    static {
        Result keygen = Cli.run(
                terminal(),
                "backup",
                "keygen",
                "--restore-keystore",
                RESTORE_KEYSTORE.toString(),
                "--backup-keystore",
                BACKUP_KEYSTORE.toString(),
                "--restore-password-env",
                "RESTORE_PASSWORD",
                "--backup-password-env",
                "BACKUP_PASSWORD");
        if (keygen.exitCode() != 0) {
            throw new IllegalStateException("backup keygen failed: " + keygen);
        }
        List<SshRsaRecipient> recipients = Keystores.recipients(BACKUP_KEYSTORE, BACKUP_PASSWORD.toCharArray(), null);
        BACKUP_KEY_FINGERPRINT = recipients.getFirst().fingerprint();
        try {
            ARCHIVE = SampleArchives.write(
                            Files.createDirectories(DIRECTORY.resolve("ep")), "EP", CREATED, OBJECTS, recipients, NODE)
                    .path();
            NODE_CERTIFICATE = Files.write(DIRECTORY.resolve("node.crt"), CertificatePem.encode(NODE.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SampleBackup() {}

    /** No console; the two keystore passwords and a wrong one in environment variables. */
    static ScriptedTerminal terminal() {
        return ScriptedTerminal.withoutConsole()
                .variable("RESTORE_PASSWORD", RESTORE_PASSWORD)
                .variable("BACKUP_PASSWORD", BACKUP_PASSWORD)
                .variable("WRONG_PASSWORD", "not the password");
    }

    static Result symbolon(String... args) {
        return Cli.run(terminal(), args);
    }

    /** {@code args} followed by the options that name the restore keystore and its password variable. */
    static String[] withRestoreKey(String... args) {
        String[] key = {"--keystore", RESTORE_KEYSTORE.toString(), "--keystore-password-env", "RESTORE_PASSWORD"};
        String[] all = Arrays.copyOf(args, args.length + key.length);
        System.arraycopy(key, 0, all, args.length, key.length);
        return all;
    }

    /** A copy of the archive in {@code directory} with one byte flipped in its middle. */
    static Path tamperedCopy(Path directory) throws IOException {
        byte[] bytes = Files.readAllBytes(ARCHIVE);
        bytes[bytes.length / 2] ^= 0x01;
        return Files.write(directory.resolve("tampered.tar.gz"), bytes);
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("symbolon-cli-archive-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory)));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the system cleans it eventually
        }
    }
}
