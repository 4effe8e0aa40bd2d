package io.symbolon.server.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.RefreshMasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An extractable object exports the same bytes at every moment of a refresh, its two rows apart or not. */
class ExportDuringRefreshTest {
    @TempDir
    Path directory;

    private InProcessPair pair;
    private ObjectService objects;

    @BeforeEach
    void open() {
        pair = new InProcessPair(directory);
        objects = pair.objects();
    }

    @AfterEach
    void close() {
        pair.close();
    }

    private List<byte[]> exportAll(List<VaultObject> created) {
        List<byte[]> exported = new ArrayList<>();
        for (VaultObject object : created) {
            try (SecretBytes whole = objects.export("root", object.uid())) {
                exported.add(whole.copy());
            }
        }
        return exported;
    }

    @Test
    void exportsTheSameBytesBeforeWhileAndAfterARefresh() {
        List<VaultObject> created = new ArrayList<>();
        for (String type : List.of("AES-256", "EC-P256", "Ed25519", "HMAC-SHA256")) {
            created.add(objects.generate(new ObjectRequest(
                    "root",
                    "k-" + type,
                    ObjectType.parse(type),
                    "",
                    "",
                    true,
                    true,
                    Set.of(Usage.SIGN),
                    Optional.empty(),
                    Optional.empty(),
                    0)));
        }
        List<byte[]> before = exportAll(created);
        try (SecretBytes seed = RefreshMasks.newSeed(pair.random)) {
            pair.ep.beginRefresh(seed);
            pair.partnerVault.beginRefresh(seed);
        }
        assertThat(exportAll(created)).containsExactlyElementsOf(before); // both rows still at epoch 0
        pair.partnerVault.rewriteShares();
        assertThat(exportAll(created)).containsExactlyElementsOf(before); // Partner at 1, EP's rows at 0
        pair.ep.rewriteShares();
        assertThat(exportAll(created)).containsExactlyElementsOf(before); // both at 1
    }
}
