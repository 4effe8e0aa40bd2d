package io.symbolon.archive.recipient;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The wrap key of an scrypt stanza (age.md, "scrypt recipient stanza"):
 *
 * <pre>
 * wrap key = scrypt(N = 2^logN, r = 8, p = 1, dkLen = 32,
 *                   S = "age-encryption.org/v1/scrypt" || salt, P = passphrase)
 * </pre>
 *
 * The passphrase is encoded as UTF-8; every intermediate copy is wiped.
 */
final class ScryptKdf {
    static final String STANZA_TYPE = "scrypt";
    static final int SALT_LENGTH = 16;
    /** The largest work factor Symbolon writes or, by default, accepts. */
    static final int MAX_LOG_N = 22;

    private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);

    private ScryptKdf() {}

    static SecretKey wrapKey(char[] passphrase, byte[] salt, int logN) {
        byte[] password = utf8(passphrase);
        byte[] labelledSalt = Arrays.copyOf(LABEL, LABEL.length + salt.length);
        System.arraycopy(salt, 0, labelledSalt, LABEL.length, salt.length);
        byte[] key = null;
        try {
            key = SCrypt.generate(password, labelledSalt, 1 << logN, 8, 1, 32);
            return new SecretKeySpec(key, "ChaCha20");
        } finally {
            Arrays.fill(password, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static byte[] utf8(char[] passphrase) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(passphrase));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the passphrase is not valid Unicode text", e);
        }
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
