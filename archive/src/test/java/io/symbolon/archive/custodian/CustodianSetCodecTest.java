package io.symbolon.archive.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.metadata.RecipientDescriptor;
import io.symbolon.archive.recipient.SshRsaRecipient;
import io.symbolon.archive.recipient.TestKeys;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustodianSetCodecTest {
    @TempDir
    Path directory;

    private final X25519Identity alice = X25519Identity.generate();
    private final SshRsaRecipient bob = TestKeys.recipient(TestKeys.rsa3072());

    private CustodianSet mixed() {
        return new CustodianSet(
                "finance",
                2,
                16,
                List.of(
                        Custodian.withKey(1, "alice", alice.recipient()),
                        Custodian.withKey(2, "bob", bob),
                        Custodian.withPassphrase(3, "carol")));
    }

    @Test
    void aSetFileRoundTripsAndItsFingerprintHashesTheCanonicalEncoding() {
        CustodianSet set = mixed();
        String text = new String(CustodianSetCodec.encode(set), StandardCharsets.UTF_8);
        assertThat(text)
                .isEqualTo("format: symbolon-custodian-set/1\nname: finance\nthreshold: 2\npassphrase-work-factor: 16\n"
                        + "custodian: 1 alice X25519 " + alice.recipient().encoded() + "\n"
                        + "custodian: 2 bob ssh-rsa " + bob.sshLine("").split(" ")[1] + "\n"
                        + "custodian: 3 carol passphrase\n");
        Path file = directory.resolve("finance.custodians");
        CustodianSetCodec.write(set, file);
        assertThat(CustodianSetCodec.load(file)).isEqualTo(set);
        assertThat(set.fingerprint()).startsWith("SHA256:").hasSize(50);
        assertThatThrownBy(() -> CustodianSetCodec.write(set, file))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void aSetFileMayHoldCommentsAndBlankLinesWhichDoNotChangeTheFingerprint() throws Exception {
        CustodianSet set = mixed();
        List<String> lines =
                new ArrayList<>(List.of(new String(CustodianSetCodec.encode(set), StandardCharsets.UTF_8).split("\n")));
        lines.add(0, "# the finance team's custodians, agreed 2026-11-20");
        lines.add(3, "");
        Path file = directory.resolve("commented.custodians");
        Files.writeString(file, String.join("\n", lines) + "\n");
        assertThat(CustodianSetCodec.load(file).fingerprint()).isEqualTo(set.fingerprint());
    }

    @Test
    void theMetadataRecordCarriesTheWholeSetAndIsCheckedAgainstItsFingerprint() {
        CustodianSet set = mixed();
        RecipientDescriptor descriptor = CustodianSetCodec.descriptor(set);
        assertThat(descriptor.kind()).isEqualTo("symbolon.io/custodian");
        assertThat(descriptor.fingerprint()).isEqualTo(set.fingerprint());
        assertThat(CustodianSetCodec.fromDescriptor(descriptor)).isEqualTo(set);
        assertThat(RecipientDescriptor.decode(descriptor.encode())).isEqualTo(descriptor);

        RecipientDescriptor lying = new RecipientDescriptor(
                descriptor.kind(), Team.of("other", 2, 2).set().fingerprint(), descriptor.publicKey());
        assertThatThrownBy(() -> CustodianSetCodec.fromDescriptor(lying))
                .hasMessageContaining("does not match its description")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.BAD_RECIPIENT);
    }

    @Test
    void sixteenRsaCustodiansFitInTheMetadata() {
        List<Custodian> custodians = new ArrayList<>();
        custodians.add(Custodian.withKey(1, "rsa", bob));
        for (int i = 2; i <= 16; i++) {
            custodians.add(
                    Custodian.withKey(i, "x" + i, X25519Identity.generate().recipient()));
        }
        CustodianSet set = CustodianSet.of("big", 9, custodians);
        assertThat(CustodianSetCodec.fromDescriptor(CustodianSetCodec.descriptor(set)))
                .isEqualTo(set);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not a set file|format: something-else/1",
                "newer version|format: symbolon-custodian-set/2",
                "missing threshold|format: symbolon-custodian-set/1\\nname: n\\npassphrase-work-factor: 18",
                "threshold too high|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 3\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 1 a passphrase\\ncustodian: 2 b passphrase",
                "one custodian|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 1 a passphrase",
                "numbers out of order|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 2 a passphrase\\ncustodian: 1 b passphrase",
                "same name twice|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 1 a passphrase\\ncustodian: 2 a passphrase",
                "weak work factor|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 10"
                        + "\\ncustodian: 1 a passphrase\\ncustodian: 2 b passphrase",
                "passphrase with a key|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 1 a passphrase age1x\\ncustodian: 2 b passphrase",
                "bad key|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 1 a X25519 age1notakey\\ncustodian: 2 b passphrase",
                "unknown kind|format: symbolon-custodian-set/1\\nname: n\\nthreshold: 2\\npassphrase-work-factor: 18"
                        + "\\ncustodian: 1 a ssh-ed25519 AAAA\\ncustodian: 2 b passphrase",
            })
    void malformedSetFilesAreRefusedNamingTheFile(String problem, String content) throws Exception {
        Path file = directory.resolve("bad.custodians");
        Files.writeString(file, content.replace("\\n", "\n") + "\n");
        assertThatThrownBy(() -> CustodianSetCodec.load(file))
                .as(problem)
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("custodian set file " + file)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isIn(ErrorCode.MALFORMED, ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void oneKeyForTwoCustodiansIsRefused() {
        assertThatThrownBy(() -> CustodianSet.of(
                        "n",
                        2,
                        List.of(
                                Custodian.withKey(1, "a", alice.recipient()),
                                Custodian.withKey(2, "b", alice.recipient()))))
                .hasMessageContaining("one person would hold two components");
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThatThrownBy(() -> CustodianSetCodec.load(directory.resolve("none")))
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(Optional.of(mixed()).map(CustodianSet::hasPassphrases)).contains(true);
    }
}
