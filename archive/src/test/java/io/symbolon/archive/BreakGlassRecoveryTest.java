package io.symbolon.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.recipient.BackupKeyGenerator;
import io.symbolon.archive.recipient.Keystores;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.ExternalProgram;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/RECOVERY.md's break-glass script, exactly as written there, against an archive Symbolon
 * wrote to a restore keystore made by {@code backup keygen}: keytool, openssl and the real age program
 * must decrypt it to the record stream, and the script's checks must refuse a modified archive.
 */
@Tag("integration")
class BreakGlassRecoveryTest {
    private static final String PASSWORD = "restore-keystore-password";

    @TempDir
    Path directory;

    private final NodeSigner node = TestSigners.ed25519("ep1");

    private static String script() throws Exception {
        String root = System.getenv()
                .getOrDefault(
                        "SYMBOLON_SOURCE_ROOT", Path.of("..").toAbsolutePath().toString());
        String doc = Files.readString(Path.of(root, "docs", "RECOVERY.md"));
        String block =
                doc.substring(doc.indexOf("<!-- break-glass:begin -->"), doc.indexOf("<!-- break-glass:end -->"));
        return block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```"));
    }

    private Path archiveForRestoreKeystore(Path restore) {
        Path backup = directory.resolve("backup.jceks");
        BackupKeyGenerator.generate(
                BackupKeyGenerator.Parameters.of("Symbolon backup EP", restore, backup),
                PASSWORD.toCharArray(),
                PASSWORD.toCharArray());
        var recipients = Keystores.recipients(backup, PASSWORD.toCharArray(), null);
        return SampleArchives.write(directory, "EP", Instant.parse("2026-11-23T03:27:16Z"), 40, recipients, node)
                .path();
    }

    private record Run(int exitCode, String output) {}

    private Run run(Path archive, Path restore, Path workDirectory) throws Exception {
        for (String program : List.of("age", "openssl", "keytool", "zstd", "tar")) {
            ExternalProgram.require(program);
        }
        Path scriptFile = directory.resolve("break-glass.sh");
        Files.writeString(scriptFile, script());
        Files.createDirectories(workDirectory);
        ProcessBuilder builder = new ProcessBuilder("bash", scriptFile.toString())
                .directory(workDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().put("ARCHIVE", archive.toString());
        builder.environment().put("RESTORE_KEYSTORE", restore.toString());
        builder.environment().put("RESTORE_ALIAS", "backup");
        builder.environment().put("KEYSTORE_PASSWORD", PASSWORD);
        builder.environment().put("NODE_FINGERPRINT", node.fingerprint());
        builder.environment()
                .put(
                        "PATH",
                        Path.of(ExternalProgram.require("keytool").executable().toString())
                                        .getParent() + ":" + System.getenv("PATH"));
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentedStepsDecryptAnArchiveWithKeytoolOpensslAndAge() throws Exception {
        Path restore = directory.resolve("restore.jceks");
        Path archive = archiveForRestoreKeystore(restore);
        Path work = directory.resolve("work");

        Run run = run(archive, restore, work);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("symbolon-records/1");
        byte[] expected = decryptedBySymbolon(archive, restore);
        assertThat(Files.readAllBytes(work.resolve("database.records"))).isEqualTo(expected);
        assertThat(work.resolve("restore-key.pem")).doesNotExist();
    }

    @Test
    void theDocumentedChecksRefuseAModifiedArchive() throws Exception {
        Path restore = directory.resolve("restore.jceks");
        Path archive = archiveForRestoreKeystore(restore);
        var parts = io.symbolon.archive.testing.ArchiveSurgeon.open(archive);
        var metadata = io.symbolon.archive.testing.ArchiveSurgeon.part(parts, "metadata.txt");
        String edited = new String(metadata.bytes(), StandardCharsets.UTF_8).replace("epoch: 7", "epoch: 8");
        Path tampered = io.symbolon.archive.testing.ArchiveSurgeon.write(
                directory.resolve("tampered.tar.gz"),
                io.symbolon.archive.testing.ArchiveSurgeon.replace(
                        parts, metadata.withBytes(edited.getBytes(StandardCharsets.UTF_8))));

        Run run = run(tampered, restore, directory.resolve("work"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(directory.resolve("work").resolve("database.zst")).doesNotExist();
    }

    private byte[] decryptedBySymbolon(Path archive, Path restore) throws Exception {
        Path out = directory.resolve("symbolon-decrypted");
        ArchiveReader.decrypt(
                archive,
                Trust.certificate(node.certificate()),
                List.of(Keystores.identity(restore, PASSWORD.toCharArray(), "backup", PASSWORD.toCharArray())),
                out);
        return Files.readAllBytes(out.resolve("database.records"));
    }
}
