package io.symbolon.vault.backup;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import io.symbolon.vault.object.Attributes;
import io.symbolon.vault.object.ObjectType;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.object.PublicData;
import io.symbolon.vault.object.Usage;
import io.symbolon.vault.object.VaultObject;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The binary encoding of one vault record inside an archive's record stream (ARCHIVE-FORMAT.md,
 * appendix A "Vault records", version 1). Integers are big-endian; {@code str} is a u16 length and
 * UTF-8; {@code bin} a u32 length and the bytes; {@code time} an i64 of milliseconds since 1970 UTC.
 *
 * <pre>
 * u8 kind || u8 version (1) || body
 * kind 1, partition: str name || time created
 * kind 2, user:      str partition || str user || u8 securityOfficer || time created || str passwordHash
 * kind 3, object:    u64 uid || str partition || str name || str type || u64 version || u64 epoch
 *                    || str label || bin id || u8 extractable || u8 sensitive || u32 usages || time created
 *                    || u8 hasActivation || time activation || u8 hasDeactivation || time deactivation
 *                    || bin publicData || bin share
 * </pre>
 *
 * Decoding is strict: an unknown kind or version, a truncated or overlong record, a flag other than 0 or
 * 1, an absent time that is not 0, text that is not UTF-8 and any value the vault would refuse are all
 * {@code MALFORMED}. Every valid record re-encodes to the same bytes. Messages never carry a share.
 */
public final class RecordCodec {
    /** The version of the record encoding this class writes and reads. */
    public static final int VERSION = 1;

    static final int PARTITION = 1;
    static final int USER = 2;
    static final int OBJECT = 3;

    private static final ObjectType[] TYPES = ObjectType.values();
    private static final byte[][] TYPE_LABELS = new byte[TYPES.length][];

    static {
        for (int i = 0; i < TYPES.length; i++) {
            TYPE_LABELS[i] = TYPES[i].label().getBytes(StandardCharsets.UTF_8);
        }
    }

    private RecordCodec() {}

    /**
     * Encodes records into one reusable buffer, so that a backup of many objects allocates nothing per
     * record. {@link #wipe()} after each record that held a share. Not thread-safe.
     */
    public static final class Encoder {
        private byte[] buffer = new byte[1024];
        private int length;

        /** The buffer holding the last record, in its first {@link #length()} bytes. */
        public byte[] buffer() {
            return buffer;
        }

        /** The length of the last record. */
        public int length() {
            return length;
        }

        /** A copy of the last record. */
        public byte[] toByteArray() {
            return Arrays.copyOf(buffer, length);
        }

        /** Zeroes the last record (it may hold a share). */
        public void wipe() {
            Arrays.fill(buffer, 0, length, (byte) 0);
        }

        public Encoder partition(Partition partition) {
            start(PARTITION);
            putString(partition.name());
            putLong(partition.created().toEpochMilli());
            return this;
        }

        public Encoder user(PartitionUser user) {
            start(USER);
            putString(user.partition());
            putString(user.user());
            putByte(user.securityOfficer() ? 1 : 0);
            putLong(user.created().toEpochMilli());
            putString(user.passwordHash());
            return this;
        }

        public Encoder object(VaultObject object, SecretBytes share) {
            Attributes attributes = object.attributes();
            start(OBJECT);
            putLong(object.uid().value());
            putString(object.partition());
            putString(object.name());
            putString(object.type().label());
            putLong(object.version());
            putLong(object.epoch());
            putString(attributes.label());
            putBytes(HexFormat.of().parseHex(attributes.id()));
            putByte(attributes.extractable() ? 1 : 0);
            putByte(attributes.sensitive() ? 1 : 0);
            putInt(Usage.mask(attributes.usages()));
            putLong(attributes.created().toEpochMilli());
            putOptionalTime(attributes.activation());
            putOptionalTime(attributes.deactivation());
            putBytes(object.publicData().bytes());
            putBytes(share.reveal());
            return this;
        }

        private void start(int kind) {
            wipe();
            length = 0;
            putByte(kind);
            putByte(VERSION);
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                byte[] larger = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
                Arrays.fill(buffer, (byte) 0);
                buffer = larger;
            }
        }

        private void putByte(int value) {
            ensure(1);
            buffer[length++] = (byte) value;
        }

        private void putInt(int value) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buffer[length++] = (byte) (value >>> shift);
            }
        }

        private void putLong(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[length++] = (byte) (value >>> shift);
            }
        }

        private void putString(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xffff) {
                throw new IllegalArgumentException("a record string is at most 65535 bytes");
            }
            ensure(2 + utf8.length);
            buffer[length++] = (byte) (utf8.length >>> 8);
            buffer[length++] = (byte) utf8.length;
            System.arraycopy(utf8, 0, buffer, length, utf8.length);
            length += utf8.length;
        }

        private void putBytes(byte[] bytes) {
            putInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void putOptionalTime(Optional<Instant> time) {
            putByte(time.isPresent() ? 1 : 0);
            putLong(time.map(Instant::toEpochMilli).orElse(0L));
        }
    }

    /**
     * Decodes one record. The caller owns the result (and closes an object record to wipe its share);
     * {@code record} is left as it is for the caller to wipe.
     *
     * @throws SymbolonException {@code MALFORMED} for any record a writer of this version could not have
     *     written, {@code UNSUPPORTED_VERSION} for a record of a later version
     */
    public static VaultRecord decode(byte[] record) {
        Reader in = new Reader(record);
        int kind = in.u8("kind");
        int version = in.u8("version");
        if (kind < PARTITION || kind > OBJECT) {
            throw malformed("unknown record kind " + kind);
        }
        if (version != VERSION) {
            throw new SymbolonException(
                    ErrorCode.UNSUPPORTED_VERSION,
                    "a backup record is of version " + version + ", this Symbolon reads version " + VERSION
                            + "; restore with a newer Symbolon");
        }
        try {
            VaultRecord decoded = switch (kind) {
                case PARTITION -> partition(in);
                case USER -> user(in);
                default -> object(in);
            };
            if (in.remaining() != 0) {
                decoded.close();
                throw malformed(in.remaining() + " bytes follow the end of the record");
            }
            return decoded;
        } catch (SymbolonException e) {
            if (e.errorCode() == ErrorCode.MALFORMED) {
                throw e;
            }
            throw malformed(e.getMessage());
        }
    }

    private static VaultRecord partition(Reader in) {
        String name = in.string("partition name");
        Instant created = in.time("partition creation time");
        return new VaultRecord.PartitionRecord(new Partition(name, created));
    }

    private static VaultRecord user(Reader in) {
        String partition = in.string("user partition");
        String user = in.string("user name");
        boolean securityOfficer = in.flag("security officer");
        Instant created = in.time("user creation time");
        String hash = in.string("password hash");
        return new VaultRecord.UserRecord(new PartitionUser(partition, user, hash, securityOfficer, created));
    }

    private static VaultRecord object(Reader in) {
        long uid = in.u64("uid");
        String partition = in.string("partition");
        String name = in.string("name");
        ObjectType type = in.type();
        long version = in.u64("version");
        long epoch = in.u64("epoch");
        String label = in.string("label");
        byte[] id = in.bytes("id", 128);
        boolean extractable = in.flag("extractable");
        boolean sensitive = in.flag("sensitive");
        int usages = in.u32("usages");
        Instant created = in.time("creation time");
        Optional<Instant> activation = in.optionalTime("activation");
        Optional<Instant> deactivation = in.optionalTime("deactivation");
        byte[] publicData = in.bytes("public data", VaultObject.MAX_CERTIFICATE);
        Attributes attributes = new Attributes(
                label,
                id.length == 0 ? "" : HexFormat.of().formatHex(id),
                extractable,
                sensitive,
                Usage.fromMask(usages),
                created,
                activation,
                deactivation);
        if (attributes.created().toEpochMilli() != created.toEpochMilli()) {
            throw malformed("creation time is not whole milliseconds");
        }
        VaultObject object = new VaultObject(
                new ObjectUid(uid), partition, name, type, version, epoch, attributes, new PublicData(publicData));
        int shareLength = in.length("share", ObjectType.MAX_SECRET_DATA);
        type.requireSecretLength(shareLength);
        SecretBytes share = SecretBytes.adopt(in.raw(shareLength));
        return new VaultRecord.ObjectRecord(object, share);
    }

    static SymbolonException malformed(String what) {
        return new SymbolonException(ErrorCode.MALFORMED, "a backup record is malformed: " + what);
    }

    /** Reads fields from a record, refusing anything out of bounds or non-canonical. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        private void need(int count, String field) {
            if (count < 0 || remaining() < count) {
                throw malformed("it ends inside the " + field);
            }
        }

        int u8(String field) {
            need(1, field);
            return bytes[position++] & 0xff;
        }

        int u32(String field) {
            need(4, field);
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = (value << 8) | (bytes[position++] & 0xff);
            }
            return value;
        }

        long u64(String field) {
            need(8, field);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[position++] & 0xff);
            }
            return value;
        }

        boolean flag(String field) {
            int value = u8(field);
            if (value > 1) {
                throw malformed("the " + field + " flag is " + value + ", not 0 or 1");
            }
            return value == 1;
        }

        Instant time(String field) {
            return Instant.ofEpochMilli(u64(field));
        }

        Optional<Instant> optionalTime(String field) {
            boolean present = flag(field + " presence");
            long millis = u64(field);
            if (!present && millis != 0) {
                throw malformed("an absent " + field + " time is not 0");
            }
            return present ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
        }

        String string(String field) {
            need(2, field);
            int length = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
            position += 2;
            need(length, field);
            if (isAscii(position, length)) {
                // ASCII is valid UTF-8 and decodes to the same characters; most names are ASCII, and this
                // spares a strict decoder per field.
                String text = new String(bytes, position, length, StandardCharsets.US_ASCII);
                position += length;
                return text;
            }
            try {
                CharBuffer text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, position, length));
                position += length;
                return text.toString();
            } catch (CharacterCodingException e) {
                throw malformed("the " + field + " is not UTF-8");
            }
        }

        /**
         * An object type written exactly as its label (the bytes compared in place, without a string);
         * anything else is parsed as text to say what is wrong with it.
         */
        ObjectType type() {
            need(2, "type");
            int length = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
            need(2 + length, "type");
            for (int i = 0; i < TYPES.length; i++) {
                if (Arrays.equals(
                        bytes, position + 2, position + 2 + length, TYPE_LABELS[i], 0, TYPE_LABELS[i].length)) {
                    position += 2 + length;
                    return TYPES[i];
                }
            }
            String typeLabel = string("type");
            ObjectType type = ObjectType.parse(typeLabel);
            if (!type.label().equals(typeLabel)) {
                throw malformed("object type '" + typeLabel + "' is not written as '" + type.label() + "'");
            }
            return type;
        }

        private boolean isAscii(int from, int length) {
            for (int i = from; i < from + length; i++) {
                if (bytes[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        int length(String field, int limit) {
            int length = u32(field + " length");
            if (length < 0 || length > limit) {
                throw malformed("the " + field + " is longer than " + limit + " bytes");
            }
            need(length, field);
            return length;
        }

        byte[] bytes(String field, int limit) {
            return raw(length(field, limit));
        }

        byte[] raw(int length) {
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }
    }
}
