package io.symbolon.server.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.symbolon.secret.SecretBytes;
import io.symbolon.server.testing.VaultPair;
import io.symbolon.vault.Vault;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.share.ScalarScheme;
import io.symbolon.vault.share.ShareScheme;
import io.symbolon.vault.storage.Storage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server test}'s pages of one node's objects: every listed object with its fingerprint, its
 * share opened and, for EC and Ed25519 keys, its public share, all from the listed rows: the storage is
 * asked for one page, not once more per object (at 1,000,000 keys those reads tripled the check's time).
 */
class ObjectEntriesTest {
    @TempDir
    Path directory;

    private VaultPair pair;

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aPageIsBuiltFromTheListedRowsWithoutReadingAnyObjectAgain() {
        pair = new VaultPair(directory);
        List<VaultObject> objects = new ArrayList<>();
        List<ObjectType> types =
                List.of(ObjectType.AES_256, ObjectType.ED25519, ObjectType.EC_P256, ObjectType.AES_128);
        for (int i = 0; i < 12; i++) {
            ObjectType type = types.get(i % types.size());
            byte[] secret = new byte[type == ObjectType.AES_128 ? 16 : 32];
            secret[31 % secret.length] = (byte) (i + 1); // a small scalar is a valid EC and Ed25519 secret
            try (SecretBytes whole = SecretBytes.adopt(secret)) {
                objects.add(pair.put("key-" + i, type, whole, Set.of(Usage.SIGN)));
            }
        }
        AtomicInteger reads = new AtomicInteger();
        Storage counting = (Storage) Proxy.newProxyInstance(
                Storage.class.getClassLoader(), new Class<?>[] {Storage.class}, (proxy, method, arguments) -> {
                    if (method.getName().startsWith("find")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(pair.epStorage, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Vault ep = pair.epOver(counting);

        Partner.EntryPage page = new ObjectEntries(ep).page(Optional.empty(), 100);

        assertThat(reads).as("objects read again after the listing").hasValue(0);
        assertThat(page.entries()).hasSize(objects.size());
        for (ObjectEntry entry : page.entries()) {
            VaultObject object = entry.object();
            assertThat(entry.problem()).as(object.name()).isNull();
            assertThat(entry.fingerprint()).isEqualTo(object.fingerprint().hex());
            if (object.type().hasPublicKey()) {
                byte[] expected =
                        ((ScalarScheme) ShareScheme.of(object.type())).publicShare(pair.ep.readShare(object.uid()));
                assertThat(entry.publicShare()).as(object.name()).isEqualTo(expected);
            } else {
                assertThat(entry.publicShare()).isNull();
            }
        }
    }
}
