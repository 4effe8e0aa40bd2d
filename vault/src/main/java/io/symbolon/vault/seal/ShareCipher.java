package io.symbolon.vault.seal;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.node.Role;
import io.symbolon.vault.object.ObjectFingerprint;
import io.symbolon.vault.object.VaultObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.DestroyFailedException;

/**
 * Encrypts every share at rest under the node's system key, bound to the row it belongs to.
 *
 * <pre>
 * K_epoch = HKDF-SHA256(system key, salt = "", info = "symbolon share key v1" || u64 epoch, 32)
 * AD      = "symbolon share v1" || u8 role || u64 uid || u64 version || u64 epoch || fingerprint
 * sealed  = 0x01 || nonce (12 random bytes) || AES-256-GCM(K_epoch, nonce, share, AD) (ciphertext || 16-byte tag)
 * </pre>
 *
 * where {@code fingerprint} is the object's {@link ObjectFingerprint} (every non-secret column of the
 * row). Guarantees: a share opens only on the node and role that sealed it, for the object, version and
 * epoch it was sealed for, and only if no column of its row changed; anything else — a flipped bit, a
 * share copied from another uid, two rows' shares swapped, a version or epoch edited — is refused with
 * {@link ErrorCode#SHARE_TAMPERED} naming the uid. It does not detect a whole row rolled back to an
 * earlier, genuine state of the same object at the same version and epoch, nor a row deleted.
 *
 * <p>A key per epoch keeps the number of random nonces under any one key near the number of objects
 * (a refresh rewrites every share, so one key for all epochs would pass GCM's 2³² random-nonce limit
 * within months). Cipher objects are reused per thread; the key schedule of AES is recomputed only when
 * a thread switches epoch. Each thread also keeps its nonce pool and the buffer its associated data is
 * written into (the label and role once, the rest per share): a restore seals a million shares, and
 * per-share arrays cost a measurable part of sealing. Instances are thread-safe.
 */
public final class ShareCipher implements AutoCloseable {
    /** Bytes a sealed share adds to its share: version, nonce and tag. */
    public static final int OVERHEAD = 1 + 12 + 16;

    private static final byte VERSION = 0x01;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] KEY_INFO = "symbolon share key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AD_LABEL = "symbolon share v1".getBytes(StandardCharsets.US_ASCII);
    private static final int AD_LENGTH = AD_LABEL.length + 1 + 8 + 8 + 8 + 32;
    private static final int CACHED_EPOCHS = 8;

    private final SystemKey systemKey;
    private final Role role;
    private final SecureRandom random;
    private final Map<Long, SecretKeySpec> epochKeys = new ConcurrentHashMap<>();
    private final ThreadLocal<Worker> workers;

    /** A cipher for the shares of a node playing {@code role}; it borrows (does not own) the key. */
    public ShareCipher(SystemKey systemKey, Role role) {
        this.systemKey = systemKey;
        this.role = role;
        this.random = systemKey.random();
        this.workers = ThreadLocal.withInitial(() -> new Worker(random, role));
    }

    /** The role bound into every share this cipher seals. */
    public Role role() {
        return role;
    }

    /** Seals {@code share} for {@code object} (as it will be stored: same version, epoch, attributes). */
    public byte[] seal(VaultObject object, SecretBytes share) {
        return seal(object, object.fingerprint(), share);
    }

    /** As {@link #seal(VaultObject, SecretBytes)}, with the fingerprint already computed. */
    public byte[] seal(VaultObject object, ObjectFingerprint fingerprint, SecretBytes share) {
        byte[] plain = share.reveal();
        byte[] out = new byte[OVERHEAD + plain.length];
        out[0] = VERSION;
        Worker worker = workers.get();
        worker.nonces.next(out, 1);
        try {
            Cipher cipher = worker.cipher;
            // The parameter spec copies the nonce out of the sealed share being written.
            cipher.init(Cipher.ENCRYPT_MODE, epochKey(object.epoch()), new GCMParameterSpec(TAG_BITS, out, 1, NONCE));
            cipher.updateAAD(worker.associatedData(object, fingerprint));
            cipher.doFinal(plain, 0, plain.length, out, 1 + NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal a share", e);
        }
    }

    /** Opens the share sealed for {@code object}; the caller closes it. */
    public SecretBytes open(VaultObject object, byte[] sealed) {
        byte[] out = new byte[plainLength(object, sealed)];
        open(object, object.fingerprint(), sealed, out, 0);
        return SecretBytes.adopt(out);
    }

    /**
     * Opens the share sealed for {@code object} into {@code out} at {@code offset}, without allocating a
     * result (for backup and refresh, which open every row); returns its length, {@link
     * #plainLength}. The caller wipes {@code out}.
     */
    public int open(VaultObject object, ObjectFingerprint fingerprint, byte[] sealed, byte[] out, int offset) {
        int length = plainLength(object, sealed);
        if (sealed[0] != VERSION) {
            throw tampered(object);
        }
        Worker worker = workers.get();
        Cipher cipher = worker.cipher;
        try {
            cipher.init(
                    Cipher.DECRYPT_MODE, epochKey(object.epoch()), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            cipher.updateAAD(worker.associatedData(object, fingerprint));
            int written = cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE, out, offset);
            if (written != length) {
                throw tampered(object);
            }
            return written;
        } catch (AEADBadTagException e) {
            throw tampered(object);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to open a share", e);
        }
    }

    /** The length of the share inside {@code sealed}; refuses (naming the uid) what is too short. */
    public int plainLength(VaultObject object, byte[] sealed) {
        if (sealed == null || sealed.length < OVERHEAD) {
            throw tampered(object);
        }
        return sealed.length - OVERHEAD;
    }

    private SecretKeySpec epochKey(long epoch) {
        SecretKeySpec key = epochKeys.get(epoch);
        if (key != null) {
            return key;
        }
        if (epochKeys.size() >= CACHED_EPOCHS) {
            // Rows are at one or two epochs at a time; forget older keys rather than grow.
            epochKeys.keySet().stream().filter(cached -> cached < epoch - 1).forEach(epochKeys::remove);
        }
        return epochKeys.computeIfAbsent(epoch, this::deriveEpochKey);
    }

    private SecretKeySpec deriveEpochKey(long epoch) {
        byte[] info = ByteBuffer.allocate(KEY_INFO.length + 8)
                .put(KEY_INFO)
                .putLong(epoch)
                .array();
        byte[] bytes = systemKey.derive(info, 32);
        try {
            return new SecretKeySpec(bytes, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** What one thread reuses from share to share: its cipher, its nonces, its associated-data buffer. */
    private static final class Worker {
        private final Cipher cipher = newCipher();
        private final Nonces nonces;
        private final byte[] associatedData = new byte[AD_LENGTH];

        Worker(SecureRandom random, Role role) {
            this.nonces = new Nonces(random);
            System.arraycopy(AD_LABEL, 0, associatedData, 0, AD_LABEL.length);
            associatedData[AD_LABEL.length] = (byte) role.code();
        }

        /** AD = label || role (written once) || uid || version || epoch || fingerprint; not secret. */
        byte[] associatedData(VaultObject object, ObjectFingerprint fingerprint) {
            int at = AD_LABEL.length + 1;
            at = putLong(object.uid().value(), at);
            at = putLong(object.version(), at);
            at = putLong(object.epoch(), at);
            fingerprint.copyTo(associatedData, at);
            return associatedData;
        }

        private int putLong(long value, int at) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                associatedData[at++] = (byte) (value >>> shift);
            }
            return at;
        }
    }

    /**
     * Random nonces drawn from the node's {@link SecureRandom} 256 at a time: a call to the generator
     * costs about as much as sealing a share, one call per 256 shares does not. Nonces are not secret.
     */
    private static final class Nonces {
        private static final int BATCH = 256;

        private final SecureRandom random;
        private final byte[] pool = new byte[NONCE * BATCH];
        private int used = BATCH;

        Nonces(SecureRandom random) {
            this.random = random;
        }

        /** Writes the next nonce into {@code out} at {@code offset}. */
        void next(byte[] out, int offset) {
            if (used == BATCH) {
                random.nextBytes(pool);
                used = 0;
            }
            int from = NONCE * used++;
            System.arraycopy(pool, from, out, offset, NONCE);
            Arrays.fill(pool, from, from + NONCE, (byte) 0); // each nonce leaves the pool exactly once
        }
    }

    private static SymbolonException tampered(VaultObject object) {
        return new SymbolonException(
                ErrorCode.SHARE_TAMPERED,
                "the share of object " + object.uid() + " ('" + object.name() + "' in partition "
                        + object.partition() + ") does not open: its row was edited, or the share was moved from"
                        + " another object or swapped with one. Delete the object on both nodes (symbolon key"
                        + " delete) or restore the pair from a backup");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-GCM", e);
        }
    }

    /** Forgets the derived keys (the system key itself is closed by its owner). */
    @Override
    public void close() {
        for (SecretKeySpec key : epochKeys.values()) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // Not every JDK key wipes itself; the reference is dropped either way.
            }
        }
        epochKeys.clear();
    }

    @Override
    public String toString() {
        return "ShareCipher[role=" + role + "]";
    }
}
