package io.symbolon.cli.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.archive.testing.SampleArchives;
import io.symbolon.archive.testing.TestSigners;
import io.symbolon.cli.Cli;
import io.symbolon.cli.Cli.Result;
import io.symbolon.cli.ScriptedTerminal;
import io.symbolon.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custodian ceremony end to end, in-process, as operators and custodians type it: define a set of
 * four (an age key, an RSA key in a restore keystore, another age key, a passphrase), add it to an
 * archive, start a session, let two custodians unwrap, check the status, verify, decrypt, re-key, end
 * the session; and the failures each one names.
 */
class CustodianCommandsTest {
    private static final String KEYSTORE_PASSWORD = "keystore password";
    private static final String DAVE = "dave's own passphrase";
    private static final String SESSION = "operator's session passphrase";

    @TempDir
    static Path shared;

    static Path restoreKeystore;
    static Path backupKeystore;
    static Path setFile;
    static Path archive;
    static Path adminKey;
    static final List<Path> custodianKeys = new ArrayList<>();
    static final NodeSigner node = TestSigners.ed25519("node-ep");

    @TempDir
    Path work;

    static ScriptedTerminal terminal() {
        return ScriptedTerminal.withoutConsole()
                .variable("KEYSTORE_PASSWORD", KEYSTORE_PASSWORD)
                .variable("DAVE_PASSPHRASE", DAVE)
                .variable("SESSION_PASSPHRASE", SESSION);
    }

    static Result symbolon(String... args) {
        return Cli.run(terminal(), args);
    }

    static Path key(String name) throws Exception {
        X25519Identity identity = X25519Identity.generate();
        return Files.writeString(shared.resolve(name + ".key"), identity.encoded() + "\n");
    }

    static String recipientOf(Path key) throws Exception {
        return X25519Identity.parse(Files.readString(key).strip()).recipient().encoded();
    }

    @BeforeAll
    static void defineASetAndAddItToAnArchive() throws Exception {
        restoreKeystore = shared.resolve("bob-restore.jceks");
        backupKeystore = shared.resolve("bob-backup.jceks");
        Result keygen = symbolon(
                "backup", "keygen",
                "--restore-keystore", restoreKeystore.toString(),
                "--backup-keystore", backupKeystore.toString(),
                "--restore-password-env", "KEYSTORE_PASSWORD",
                "--backup-password-env", "KEYSTORE_PASSWORD");
        assertThat(keygen.exitCode()).as(keygen.toString()).isZero();
        custodianKeys.add(key("alice"));
        custodianKeys.add(key("carol"));
        adminKey = key("admin");

        setFile = shared.resolve("finance.custodians");
        Result define = symbolon(
                "custodian",
                "define",
                "-o",
                setFile.toString(),
                "--name",
                "finance",
                "--threshold",
                "2",
                "--custodian",
                "alice=" + recipientOf(custodianKeys.get(0)),
                "--custodian",
                "bob=keystore:" + backupKeystore,
                "--custodian",
                "carol=" + recipientOf(custodianKeys.get(1)),
                "--custodian",
                "dave=passphrase",
                "--passphrase-work-factor",
                "14",
                "--recipient-keystore-password-env",
                "KEYSTORE_PASSWORD");
        assertThat(define.exitCode()).as(define.toString()).isZero();
        assertThat(define.out()).contains("any 2 of 4 custodians (Shamir shares)", "4 dave  passphrase");

        Path plain = SampleArchives.write(
                        Files.createDirectories(shared.resolve("ep")),
                        "EP",
                        Instant.parse("2026-11-23T03:27:16Z"),
                        25,
                        List.of(X25519Identity.parse(Files.readString(adminKey).strip())
                                .recipient()),
                        node)
                .path();
        archive = shared.resolve("with-custodians.tar.gz");
        Result add = symbolon(
                "custodian",
                "rekey",
                plain.toString(),
                "-o",
                archive.toString(),
                "--identity",
                adminKey.toString(),
                "--add-set",
                setFile.toString(),
                "--custodian-passphrase-env",
                "dave=DAVE_PASSPHRASE");
        assertThat(add.exitCode()).as(add.toString()).isZero();
    }

    private String startSession(Path session) {
        Result start = symbolon(
                "custodian",
                "session",
                "start",
                "-o",
                session.toString(),
                "--session-passphrase-env",
                "SESSION_PASSPHRASE",
                "--work-factor",
                "10",
                "--valid-for",
                "2h");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        Matcher recipient = Pattern.compile("recipient +(age1[a-z0-9]+)").matcher(start.out());
        assertThat(recipient.find()).as(start.out()).isTrue();
        return recipient.group(1);
    }

    private Path unwrapAsAlice(Path of, String session, String name) {
        Path contribution = work.resolve(name);
        Result unwrap = symbolon(
                "custodian",
                "unwrap",
                of.toString(),
                "--to",
                session,
                "-o",
                contribution.toString(),
                "--identity",
                custodianKeys.get(0).toString());
        assertThat(unwrap.exitCode()).as(unwrap.toString()).isZero();
        return contribution;
    }

    private String[] ceremony(Path session, Path... contributions) {
        List<String> args = new ArrayList<>(
                List.of("--session", session.toString(), "--session-passphrase-env", "SESSION_PASSPHRASE"));
        for (Path contribution : contributions) {
            args.add("--contribution");
            args.add(contribution.toString());
        }
        return args.toArray(String[]::new);
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void theWholeCeremonyOpensVerifiesDecryptsAndReKeysTheArchive() throws Exception {
        Result show = symbolon("custodian", "show", setFile.toString());
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("fingerprint   SHA256:", "1 alice  X25519 SHA256:", "2 bob  ssh-rsa SHA256:");

        Path session = work.resolve("session");
        String recipient = startSession(session);
        assertThat(Files.readString(session)).doesNotContain("AGE-SECRET-KEY");

        Result overview = symbolon("custodian", "status", archive.toString());
        assertThat(overview.exitCode()).as(overview.toString()).isZero();
        assertThat(overview.out()).contains("set           finance", "3 carol  X25519");

        Path alice = unwrapAsAlice(archive, recipient, "alice.contribution");
        Path bob = work.resolve("bob.contribution");
        Result bobUnwraps = symbolon(
                "custodian",
                "unwrap",
                archive.toString(),
                "--to",
                recipient,
                "-o",
                bob.toString(),
                "--keystore",
                restoreKeystore.toString(),
                "--keystore-password-env",
                "KEYSTORE_PASSWORD");
        assertThat(bobUnwraps.exitCode()).as(bobUnwraps.toString()).isZero();
        assertThat(bobUnwraps.out()).contains("custodian     bob (2) of set finance", "database_2026-11-23-03-27-16");
        Path dave = work.resolve("dave.contribution");
        Result daveUnwraps = symbolon(
                "custodian",
                "unwrap",
                archive.toString(),
                "--to",
                recipient,
                "-o",
                dave.toString(),
                "--passphrase-env",
                "DAVE_PASSPHRASE",
                "--custodian",
                "4");
        assertThat(daveUnwraps.exitCode()).as(daveUnwraps.toString()).isZero();

        Result short1 =
                symbolon(concat(new String[] {"custodian", "status", archive.toString()}, ceremony(session, alice)));
        assertThat(short1.exitCode()).as(short1.toString()).isEqualTo(ErrorCode.CUSTODIAN_SHORT.exitCode());
        assertThat(short1.out())
                .contains("1 valid contribution (alice (1)); 1 more needed, from any of: bob (2), carol (3), dave (4)");

        Result notEnough =
                symbolon(concat(new String[] {"custodian", "verify", archive.toString()}, ceremony(session, alice)));
        assertThat(notEnough.exitCode()).isEqualTo(ErrorCode.CUSTODIAN_SHORT.exitCode());
        assertThat(notEnough.err()).contains("not enough custodians", "1 more needed");

        Result ready = symbolon(
                concat(new String[] {"custodian", "status", archive.toString()}, ceremony(session, alice, dave)));
        assertThat(ready.exitCode()).as(ready.toString()).isZero();
        assertThat(ready.out()).contains("ready");

        Result verify = symbolon(
                concat(new String[] {"custodian", "verify", archive.toString()}, ceremony(session, bob, dave)));
        assertThat(verify.exitCode()).as(verify.toString()).isZero();

        Path out = work.resolve("decrypted");
        Result decrypt = symbolon(concat(
                new String[] {"custodian", "decrypt", archive.toString(), "-o", out.toString()},
                ceremony(session, alice, bob)));
        assertThat(decrypt.exitCode()).as(decrypt.toString()).isZero();
        assertThat(out.resolve("database.records")).exists();

        String fingerprint = show.out()
                .lines()
                .filter(line -> line.startsWith("fingerprint"))
                .findFirst()
                .orElseThrow()
                .split(" +")[1];
        Path without = work.resolve("without-custodians.tar.gz");
        Result remove = symbolon(concat(
                new String[] {
                    "custodian", "rekey", archive.toString(), "-o", without.toString(), "--remove-set", fingerprint
                },
                ceremony(session, alice, dave)));
        assertThat(remove.exitCode()).as(remove.toString()).isZero();
        Result plain = symbolon("archive", "verify", without.toString(), "--identity", adminKey.toString());
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        Result gone = symbolon(
                concat(new String[] {"custodian", "verify", without.toString()}, ceremony(session, alice, dave)));
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());

        Result end = symbolon("custodian", "session", "end", session.toString());
        assertThat(end.exitCode()).as(end.toString()).isZero();
        assertThat(session).doesNotExist();
        Result afterwards = symbolon(
                concat(new String[] {"custodian", "verify", archive.toString()}, ceremony(session, alice, dave)));
        assertThat(afterwards.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
    }

    @Test
    void aContributionFromAnotherBackupIsNamed() throws Exception {
        Path other = work.resolve("other.tar.gz");
        Path plain = SampleArchives.write(
                        Files.createDirectories(work.resolve("other-ep")),
                        "EP",
                        Instant.parse("2026-11-24T03:27:16Z"),
                        5,
                        List.of(X25519Identity.parse(Files.readString(adminKey).strip())
                                .recipient()),
                        node)
                .path();
        Result add = symbolon(
                "custodian",
                "rekey",
                plain.toString(),
                "-o",
                other.toString(),
                "--identity",
                adminKey.toString(),
                "--add-set",
                setFile.toString(),
                "--custodian-passphrase-env",
                "dave=DAVE_PASSPHRASE");
        assertThat(add.exitCode()).as(add.toString()).isZero();

        Path session = work.resolve("session");
        String recipient = startSession(session);
        Path foreign = unwrapAsAlice(other, recipient, "alice-for-the-other-backup");
        Path carol = work.resolve("carol.contribution");
        Result carolUnwraps = symbolon(
                "custodian",
                "unwrap",
                archive.toString(),
                "--to",
                recipient,
                "-o",
                carol.toString(),
                "--identity",
                custodianKeys.get(1).toString());
        assertThat(carolUnwraps.exitCode()).as(carolUnwraps.toString()).isZero();

        Result refused = symbolon(
                concat(new String[] {"custodian", "verify", archive.toString()}, ceremony(session, foreign, carol)));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ErrorCode.CUSTODIAN_INVALID.exitCode());
        assertThat(refused.err())
                .contains("contribution " + foreign + " (alice (1) of set finance) belongs to another backup: it was"
                        + " made for database_2026-11-24-03-27-16.tar.gz");
        Result status = symbolon(
                concat(new String[] {"custodian", "status", archive.toString()}, ceremony(session, foreign, carol)));
        assertThat(status.exitCode()).isEqualTo(ErrorCode.CUSTODIAN_INVALID.exitCode());
        assertThat(status.out()).contains("refused: contribution " + foreign);
        symbolon("custodian", "session", "end", session.toString());
    }

    @Test
    void aStrangerCannotUnwrapAndIsToldWhoCan() throws Exception {
        Path session = work.resolve("session");
        String recipient = startSession(session);
        Result stranger = symbolon(
                "custodian",
                "unwrap",
                archive.toString(),
                "--to",
                recipient,
                "-o",
                work.resolve("x").toString(),
                "--identity",
                adminKey.toString());
        assertThat(stranger.exitCode()).isEqualTo(ErrorCode.NO_MATCHING_IDENTITY.exitCode());
        assertThat(stranger.err()).contains("its custodians are: finance: alice (1) X25519");
        assertThat(work.resolve("x")).doesNotExist();
        Result wrongPassphrase = Cli.run(
                terminal().variable("SESSION_PASSPHRASE", "not it"),
                concat(new String[] {"custodian", "status", archive.toString()}, ceremony(session)));
        assertThat(wrongPassphrase.exitCode()).isEqualTo(ErrorCode.WRONG_PASSWORD.exitCode());
        symbolon("custodian", "session", "end", session.toString());
    }
}
