package io.symbolon.vault.credential;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords with Argon2id (Bouncy Castle), stored as PHC strings:
 * {@code $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>} (16-byte random salt, 32-byte hash, unpadded
 * base64).
 *
 * <p>Guarantees: passwords are taken as {@code char[]} and wiped (with their UTF-8 copies) before the
 * method returns, whatever happens; hashes are compared in constant time; {@link #verifyUnknownUser}
 * costs what a real verification costs, so a caller can answer the same way, in the same time, whether
 * or not a user exists. Stored parameters are bounded on reading, so a crafted hash cannot make a
 * verification take unbounded memory.
 */
public final class PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;

    private final Argon2idParameters parameters;
    private final SecureRandom random;
    /** Made on first need ({@link #prepareForLogins}): a boot only hashes, and one Argon2id is ~0.2 CPU s. */
    private volatile String unknownUserHash;

    /** A hasher with the production parameters. */
    public PasswordHasher(SecureRandom random) {
        this(Argon2idParameters.DEFAULT, random);
    }

    /** A hasher with other parameters (tests lower them; production never should). */
    public PasswordHasher(Argon2idParameters parameters, SecureRandom random) {
        this.parameters = parameters;
        this.random = random;
    }

    /**
     * Makes the hash {@link #verifyUnknownUser} verifies against, if not made yet. A server calls this
     * before it answers logins, so that its first login as an unknown user costs one verification too, not
     * two; a hasher that only hashes (a boot) never needs it.
     */
    public PasswordHasher prepareForLogins() {
        unknownUserHash();
        return this;
    }

    /** Whether {@link #prepareForLogins} (or a first {@link #verifyUnknownUser}) has run. */
    public boolean preparedForLogins() {
        return unknownUserHash != null;
    }

    private String unknownUserHash() {
        String hash = unknownUserHash;
        if (hash == null) {
            synchronized (this) {
                hash = unknownUserHash;
                if (hash == null) {
                    hash = hash("symbolon: no such user".toCharArray());
                    unknownUserHash = hash;
                }
            }
        }
        return hash;
    }

    /** The parameters new hashes are made with. */
    public Argon2idParameters parameters() {
        return parameters;
    }

    /** Hashes {@code password} with a fresh salt, then wipes it. */
    public String hash(char[] password) {
        try {
            byte[] salt = new byte[SALT_LENGTH];
            random.nextBytes(salt);
            byte[] hash = derive(password, salt, parameters, HASH_LENGTH);
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                    + parameters.parallelism() + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Whether {@code password} matches the stored hash; wipes the password. A hash that is not a valid
     * Argon2id PHC string is an error (the database was edited), never a match.
     */
    public boolean verify(char[] password, String storedHash) {
        try {
            Matcher phc = PHC.matcher(storedHash == null ? "" : storedHash);
            if (!phc.matches()) {
                throw new SymbolonException(
                        ErrorCode.MALFORMED, "a stored password hash is not an Argon2id PHC string");
            }
            Argon2idParameters stored = new Argon2idParameters(
                    Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)));
            byte[] salt = Base64.getDecoder().decode(phc.group(4));
            byte[] expected = Base64.getDecoder().decode(phc.group(5));
            byte[] actual = derive(password, salt, stored, expected.length);
            boolean matches = MessageDigest.isEqual(expected, actual);
            Arrays.fill(actual, (byte) 0);
            return matches;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Burns the time of one verification and returns false; wipes the password. */
    public boolean verifyUnknownUser(char[] password) {
        verify(password, unknownUserHash());
        return false;
    }

    /** Whether a stored hash was made with other parameters than this hasher's (re-hash at next login). */
    public boolean needsRehash(String storedHash) {
        String prefix = "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$";
        return storedHash == null || !storedHash.startsWith(prefix);
    }

    private static byte[] derive(char[] password, byte[] salt, Argon2idParameters cost, int length) {
        byte[] utf8 = utf8(password);
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(cost.memoryKib())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .build());
            byte[] out = new byte[length];
            generator.generateBytes(utf8, out);
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.allocate(password.length * 3);
        try {
            CoderResult result = encoder.encode(CharBuffer.wrap(password), buffer, true);
            if (result.isError()) {
                result.throwException();
            }
            encoder.flush(buffer);
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (CharacterCodingException e) {
            throw new SymbolonException(ErrorCode.USAGE, "a password must be valid Unicode text");
        } finally {
            Arrays.fill(buffer.array(), (byte) 0);
        }
    }
}
