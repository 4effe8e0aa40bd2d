package io.symbolon.vault.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.archive.ArchiveDescription;
import io.symbolon.archive.ArchiveReader;
import io.symbolon.archive.ArchiveWriter;
import io.symbolon.archive.Trust;
import io.symbolon.archive.Verification;
import io.symbolon.archive.WriteOptions;
import io.symbolon.archive.WrittenArchive;
import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.archive.recipient.X25519Identity;
import io.symbolon.archive.signature.NodeSigner;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.Vault;
import io.symbolon.vault.VaultSnapshot;
import io.symbolon.vault.node.NodeSettings;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectState;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.seal.SystemKey;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.ObjectQuery;
import io.symbolon.vault.storage.StorageConfig;
import io.symbolon.vault.storage.StorageFixture;
import io.symbolon.vault.storage.StoredObject;
import io.symbolon.vault.testing.SampleObjects;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export a node's snapshot into an archive and restore it into a new node, re-sealed, on SQLite. */
class VaultBackupTest {
    private static final Instant TAKEN = Instant.parse("2026-11-23T12:11:37Z");

    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final X25519Identity identity = X25519Identity.generate();
    private final NodeSigner signer = signer();
    private final Map<Long, byte[]> shares = new HashMap<>();

    @TempDir
    Path directory;

    private JdbcStorage epStorage;
    private Vault ep;
    private JdbcStorage restoredStorage;

    @BeforeEach
    void bootEp() throws Exception {
        epStorage = storage("ep");
        epStorage.createNode(StorageFixture.node(Role.EP));
        epStorage.createPartition(new Partition(Partition.ROOT, SampleObjects.CREATED));
        epStorage.createPartition(new Partition("part4", SampleObjects.CREATED));
        epStorage.putUser(
                new PartitionUser("root", "so", "$argon2id$v=19$m=8,t=1,p=1$AAAA$BBBB", true, SampleObjects.CREATED));
        epStorage.putUser(new PartitionUser(
                "part4", "alice", "$argon2id$v=19$m=8,t=1,p=1$CCCC$DDDD", false, SampleObjects.CREATED));
        ep = vault(epStorage);
        long uid = 100;
        for (ObjectType type : ObjectType.values()) {
            VaultObject object = SampleObjects.ofType(type, uid++, "part4", "key " + type.label(), 0);
            int length = type == ObjectType.CERTIFICATE ? 0 : type == ObjectType.AES_128 ? 16 : 32;
            try (SecretBytes share = ep.drawShare(type, length)) {
                shares.put(object.uid().value(), share.copy());
                ep.prepareCreate(object, share);
                ep.commitCreate(object.uid());
            }
        }
        // Invisible rows are not backed up.
        try (SecretBytes share = ep.drawShare(ObjectType.AES_256, 32)) {
            ep.prepareCreate(SampleObjects.aes256(999, "part4", "pending", 0), share);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private JdbcStorage storage(String name) throws Exception {
        JdbcStorage storage = JdbcStorage.open(
                StorageConfig.sqlite(Files.createDirectories(directory.resolve(name))), StorageFixture.CLOCK);
        opened.add(storage);
        return storage;
    }

    private Vault vault(JdbcStorage storage) {
        SystemKey key = SystemKey.generate(random);
        opened.add(key);
        Vault vault = Vault.open(storage, key, StorageFixture.CLOCK, random);
        opened.add(vault);
        return vault;
    }

    private WrittenArchive export(Vault vault) throws Exception {
        Path out = Files.createDirectories(directory.resolve("backup"));
        try (VaultSnapshot snapshot = vault.snapshot()) {
            return VaultExporter.export(
                    snapshot,
                    out,
                    new VaultExporter.Request(
                            "symbolon test",
                            TAKEN,
                            List.of("EP : ep1", "Partner : partner1"),
                            List.of(identity.recipient()),
                            signer,
                            WriteOptions.defaults()),
                    VaultExporter.Progress.none());
        }
    }

    private Vault emptyNode(String name, Role role) throws Exception {
        restoredStorage = storage(name);
        restoredStorage.createNode(StorageFixture.node(role));
        return vault(restoredStorage);
    }

    @Test
    void restoresEveryPartitionUserAndObjectReSealedUnderTheNewSystemKey() throws Exception {
        WrittenArchive written = export(ep);
        assertThat(written.path().getFileName()).hasToString("database_2026-11-23-12-11-37.tar.gz");
        assertThat(written.metadata().objects())
                .containsEntry("KEY", 5L)
                .containsEntry("DATA", 1L)
                .containsEntry("CERTIFICATE", 1L)
                .containsEntry("PARTITION", 2L)
                .containsEntry("LOCAL_USER", 2L);

        Vault restored = emptyNode("restored", Role.EP);
        Verification verified =
                ArchiveReader.verify(written.path(), Trust.certificate(signer.certificate()), List.of(identity));
        VaultRestorer.Restored result =
                VaultRestorer.restore(restored, verified, Trust.certificate(signer.certificate()), List.of(identity));

        assertThat(result.partitions()).isEqualTo(2);
        assertThat(result.users()).isEqualTo(2);
        assertThat(result.objects()).isEqualTo(ObjectType.values().length);
        assertThat(restoredStorage.partitions()).extracting(Partition::name).containsExactly("part4", "root");
        assertThat(restoredStorage.users("part4")).containsExactlyElementsOf(epStorage.users("part4"));
        assertThat(restoredStorage.users("root")).containsExactlyElementsOf(epStorage.users("root"));
        List<StoredObject> before = epStorage
                .list(new ObjectQuery(Optional.empty(), ObjectState.ACTIVE, Optional.empty(), 100))
                .objects();
        List<StoredObject> after = restoredStorage
                .list(new ObjectQuery(Optional.empty(), ObjectState.ACTIVE, Optional.empty(), 100))
                .objects();
        assertThat(after)
                .extracting(StoredObject::object)
                .containsExactlyElementsOf(
                        before.stream().map(StoredObject::object).toList());
        for (StoredObject row : after) {
            assertThat(row.sealedShare())
                    .as("re-sealed, not copied")
                    .isNotEqualTo(epStorage.find(row.uid()).orElseThrow().sealedShare());
            try (SecretBytes share = restored.readShare(row.uid())) {
                assertThat(share.reveal()).isEqualTo(shares.get(row.uid().value()));
            }
        }
        assertThat(restored.node().currentEpoch()).isZero();
    }

    @Test
    void refusesAnArchiveReplacedAfterItWasVerifiedAndImportsNothing() throws Exception {
        WrittenArchive written = export(ep);
        Verification verified =
                ArchiveReader.verify(written.path(), Trust.certificate(signer.certificate()), List.of(identity));
        // Another backup of the same node, equally valid, takes the verified file's place.
        Path first = Files.move(written.path(), directory.resolve("first.tar.gz"));
        WrittenArchive second = export(ep);
        assertThat(second.path()).isEqualTo(written.path());
        assertThat(first).exists();
        Vault restored = emptyNode("restored", Role.EP);

        assertThatThrownBy(() -> VaultRestorer.restore(
                        restored, verified, Trust.certificate(signer.certificate()), List.of(identity)))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("changed after it was verified")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.MEMBER_TAMPERED);
        assertThat(restoredStorage.partitions()).isEmpty();
        assertThat(restoredStorage
                        .list(new ObjectQuery(Optional.empty(), ObjectState.ACTIVE, Optional.empty(), 100))
                        .objects())
                .isEmpty();
    }

    @Test
    void refusesTheArchiveOfTheOtherRoleWithoutImportingAnything() throws Exception {
        WrittenArchive written = export(ep);
        Vault partner = emptyNode("partner", Role.PARTNER);
        Verification verified = ArchiveReader.verify(written.path(), Trust.anySigner());

        assertThatThrownBy(() -> VaultRestorer.restore(partner, verified, Trust.anySigner(), List.of(identity)))
                .isInstanceOf(SymbolonException.class)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.WRONG_ROLE);
        assertThat(restoredStorage.partitions()).isEmpty();
    }

    @Test
    void refusesARestoreIntoANodeThatHoldsData() throws Exception {
        WrittenArchive written = export(ep);
        Verification verified = ArchiveReader.verify(written.path(), Trust.anySigner());
        assertThatThrownBy(() -> VaultRestorer.restore(ep, verified, Trust.anySigner(), List.of(identity)))
                .isInstanceOf(SymbolonException.class)
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void refusesRecordsThatDoNotMatchTheSignedDigestAndImportsNothing() throws Exception {
        NodeSettings node = StorageFixture.node(Role.EP);
        Path out = Files.createDirectories(directory.resolve("forged"));
        WrittenArchive forged;
        RecordCodec.Encoder encoder = new RecordCodec.Encoder();
        Partition root = new Partition("root", SampleObjects.CREATED);
        VaultObject object = SampleObjects.aes256(5, "root", "k", 0);
        VaultObject renamed = SampleObjects.aes256(5, "root", "not k", 0);
        try (ArchiveWriter writer = ArchiveWriter.create(
                        out,
                        new ArchiveDescription("forger", "EP", node.pairId(), node.nodeId(), List.of(), 0, TAKEN),
                        List.of(identity.recipient()),
                        signer,
                        WriteOptions.defaults());
                SecretBytes share = SecretBytes.adopt(new byte[32])) {
            writer.add(BackupDigest.partition(root, 0), encoder.partition(root).toByteArray());
            // The digest says "not k"; the record says "k".
            writer.add(
                    BackupDigest.object(renamed, renamed.fingerprint()),
                    encoder.object(object, share).toByteArray());
            forged = writer.finish();
        }
        Vault restored = emptyNode("restored", Role.EP);
        Verification verified = ArchiveReader.verify(forged.path(), Trust.anySigner(), List.of(identity));

        assertThatThrownBy(() -> VaultRestorer.restore(restored, verified, Trust.anySigner(), List.of(identity)))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("do not match its digest")
                .extracting(e -> ((SymbolonException) e).errorCode())
                .isEqualTo(ErrorCode.CONTENT_MISMATCH);
        assertThat(restoredStorage.partitions()).isEmpty();
    }

    @Test
    void refusesToExportANodeInTheMiddleOfARefresh() {
        try (SecretBytes seed = SecretBytes.adopt(new byte[32])) {
            ep.beginRefresh(seed);
        }
        assertThatThrownBy(() -> export(ep))
                .isInstanceOf(SymbolonException.class)
                .hasMessageContaining("refresh to epoch 1 is under way");
        assertThat(directory.resolve("backup")).isEmptyDirectory();
    }

    @Test
    void digestEntriesAreThoseOfTheRecordsInOrder() throws Exception {
        WrittenArchive written = export(ep);
        List<DigestEntry> entries = new ArrayList<>();
        try (var in = ArchiveReader.digestMember(written.path())) {
            io.symbolon.archive.digest.DigestReader.readAll(in, "digest.txt", entries::add);
        }
        assertThat(entries)
                .extracting(DigestEntry::section)
                .startsWith("PARTITION", "PARTITION", "LOCAL_USER", "LOCAL_USER")
                .hasSize(4 + ObjectType.values().length);
        assertThat(entries.get(4).uid()).isEqualTo("0x000000000000000064");
    }

    private static NodeSigner signer() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            X500Name subject = new X500Name("CN=test node");
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    subject,
                                    BigInteger.ONE,
                                    Date.from(now.minusSeconds(60)),
                                    Date.from(now.plusSeconds(3600)),
                                    subject,
                                    pair.getPublic())
                            .build(new JcaContentSignerBuilder("Ed25519").build(pair.getPrivate())));
            return new NodeSigner(pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
