package io.symbolon.vault.backup;

import io.symbolon.archive.digest.DigestEntry;
import io.symbolon.vault.object.ObjectFingerprint;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest entry of each vault record (ARCHIVE-FORMAT.md, appendix A.3): what the two halves of a
 * pair compare without decrypting anything.
 *
 * <ul>
 *   <li>objects: section {@code KEY}, {@code DATA} or {@code CERTIFICATE}, the type's label, the uid
 *       ({@code 0x00…}), version, epoch, the {@link ObjectFingerprint}, partition and name;
 *   <li>partitions: section {@code PARTITION}, type {@code partition}, uid {@code #partition-} and 32 hex
 *       digits of a hash of the name, so that they sort before every object; the fingerprint covers the
 *       name only (each node records its own creation time);
 *   <li>users: section {@code LOCAL_USER} (EP holds them, the Partner does not: pair comparisons skip
 *       it), type {@code security-officer} or {@code user}, uid {@code #user-} and 32 hex digits of a hash
 *       of the login; the fingerprint covers every field, the password hash included.
 * </ul>
 *
 * Entries are in ascending uid order, partitions first, then users, then objects: the order of the
 * records, which is also the order a restore needs (a partition before what it holds).
 */
public final class BackupDigest {
    /** The digest section of partitions. */
    public static final String PARTITION_SECTION = "PARTITION";
    /** The digest section of partition users: node-local, as its prefix says. */
    public static final String USER_SECTION = "LOCAL_USER";

    private BackupDigest() {}

    /** The entry of an object at its own epoch. */
    public static DigestEntry object(VaultObject object, ObjectFingerprint fingerprint) {
        return new DigestEntry(
                object.type().section().name(),
                object.type().label(),
                object.uid().toString(),
                object.version(),
                object.epoch(),
                fingerprint.hex(),
                object.partition(),
                object.name());
    }

    /** The entry of a partition, in an archive taken at {@code epoch}. */
    public static DigestEntry partition(Partition partition, long epoch) {
        return new DigestEntry(
                PARTITION_SECTION,
                "partition",
                partitionUid(partition.name()),
                1,
                epoch,
                DigestEntry.fingerprintOf(hash("symbolon partition fingerprint v1", partition.name())),
                partition.name(),
                partition.name());
    }

    /** The entry of a partition user, in an archive taken at {@code epoch}. */
    public static DigestEntry user(PartitionUser user, long epoch) {
        return new DigestEntry(
                USER_SECTION,
                user.securityOfficer() ? "security-officer" : "user",
                userUid(user.partition(), user.user()),
                1,
                epoch,
                DigestEntry.fingerprintOf(hash(
                        "symbolon user fingerprint v1",
                        user.partition(),
                        user.user(),
                        user.securityOfficer() ? "1" : "0",
                        Long.toString(user.created().toEpochMilli()),
                        user.passwordHash())),
                user.partition(),
                user.user());
    }

    /** {@code #partition-} and the first 32 hex digits of SHA-256 of the name. */
    public static String partitionUid(String name) {
        return "#partition-" + HexFormat.of().formatHex(hash("symbolon partition uid v1", name), 0, 16);
    }

    /** {@code #user-} and the first 32 hex digits of SHA-256 of the partition and user names. */
    public static String userUid(String partition, String user) {
        return "#user-" + HexFormat.of().formatHex(hash("symbolon user uid v1", partition, user), 0, 16);
    }

    /** SHA-256 over a domain label and fields, each a u16 length and UTF-8. */
    static byte[] hash(String domain, String... fields) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            update(sha256, domain);
            for (String field : fields) {
                update(sha256, field);
            }
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static void update(MessageDigest sha256, String field) {
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(2).putShort((short) utf8.length).array());
        sha256.update(utf8);
    }
}
