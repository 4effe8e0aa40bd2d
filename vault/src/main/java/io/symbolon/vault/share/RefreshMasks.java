package io.symbolon.vault.share;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KDF;
import javax.crypto.Mac;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masks of one refresh, derived from a 32-byte seed that EP draws and hands to the Partner over the
 * pair channel. Both nodes derive the same mask for the same object, so they can rewrite their shares
 * independently, in any order, and resume after a crash, and still agree.
 *
 * <pre>
 * K    = HKDF-SHA256(ikm = seed, salt = "", info = "symbolon refresh masks v1" || u64 targetEpoch, 32)
 * Tᵢ   = HMAC-SHA256(K, u64 uid || u32 i)          for i = 0, 1, …
 * mask = first n bytes of T₀ || T₁ || …            (XOR shares of n bytes)
 * mask = (first 64 bytes of T₀ || T₁ || …) mod q   (scalar shares; q the group order)
 * </pre>
 *
 * Binding the target epoch into K means a seed reused by mistake still gives fresh masks in every
 * refresh. Instances are safe to use from several threads; close one to wipe its key.
 */
public final class RefreshMasks implements AutoCloseable {
    private static final byte[] INFO = "symbolon refresh masks v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private volatile boolean closed;

    /** Masks for the refresh that moves shares to {@code targetEpoch}. */
    public RefreshMasks(SecretBytes seed, long targetEpoch) {
        if (seed.length() != 32) {
            throw new SymbolonException(ErrorCode.USAGE, "a refresh seed is 32 bytes");
        }
        byte[] info = ByteBuffer.allocate(INFO.length + 8)
                .put(INFO)
                .putLong(targetEpoch)
                .array();
        byte[] derived;
        try {
            derived = KDF.getInstance("HKDF-SHA256")
                    .deriveData(
                            HKDFParameterSpec.ofExtract().addIKM(seed.reveal()).thenExpand(info, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HKDF-SHA256", e);
        }
        this.key = new SecretKeySpec(derived, "HmacSHA256");
        Arrays.fill(derived, (byte) 0);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks HMAC-SHA256", e);
            }
        });
    }

    /** A fresh random seed for a new refresh. */
    public static SecretBytes newSeed(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return SecretBytes.adopt(seed);
    }

    /** The mask for the share of object {@code uid}, of type {@code type}, {@code shareLength} bytes long. */
    public SecretBytes maskFor(ObjectUid uid, ObjectType type, int shareLength) {
        if (closed) {
            throw new IllegalStateException("refresh masks already closed");
        }
        ShareScheme scheme = ShareScheme.of(type);
        if (scheme instanceof ScalarScheme scalars) {
            byte[] wide = stream(uid, 64);
            try {
                return scalars.reduceWide(wide);
            } finally {
                Arrays.fill(wide, (byte) 0);
            }
        }
        return SecretBytes.adopt(stream(uid, shareLength));
    }

    private byte[] stream(ObjectUid uid, int length) {
        Mac mac = macs.get();
        byte[] out = new byte[length];
        byte[] input = new byte[12];
        ByteBuffer.wrap(input).putLong(uid.value());
        for (int counter = 0, offset = 0; offset < length; counter++) {
            ByteBuffer.wrap(input, 8, 4).putInt(counter);
            byte[] block = mac.doFinal(input);
            int take = Math.min(block.length, length - offset);
            System.arraycopy(block, 0, out, offset, take);
            Arrays.fill(block, (byte) 0);
            offset += take;
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        try {
            key.destroy();
        } catch (javax.security.auth.DestroyFailedException e) {
            // Older key implementations cannot wipe themselves; nothing more to do.
        }
    }

    @Override
    public String toString() {
        return "RefreshMasks[redacted]";
    }
}
