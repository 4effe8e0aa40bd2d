package io.symbolon.vault.seal;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals to the machine: the sealing key derives from a machine secret kept outside the data directory
 * (by default {@code /etc/symbolon/machine-secret}, 32 random bytes created with mode 0600 on first
 * use), so a data directory copied to another machine does not open there.
 *
 * <pre>
 * key         = HKDF-SHA256(machine secret, salt = "", info = "symbolon machine sealer key v1", 32)
 * fingerprint = hex(HKDF-SHA256(machine secret, salt = "", info = "symbolon machine secret fingerprint v1", 8))
 *
 * symbolon sealed key v1
 * sealer: machine
 * machine-secret: &lt;fingerprint&gt;
 * sealed: base64(nonce (12) || AES-256-GCM(key, nonce, secret, AD = the three lines above))
 * </pre>
 *
 * The fingerprint, stored beside the sealed key, lets {@link #unseal} say which machine secret the key
 * expects ({@link SealedElsewhereException}) instead of a bare decryption failure. Root on the machine
 * can read the machine secret; this sealer protects copies of the data directory (backups of the file
 * system, a stolen disk image without /etc), not the running machine.
 */
public final class MachineSealer implements Sealer {
    /** Where the machine secret lives unless configured otherwise. */
    public static final Path DEFAULT_SECRET_FILE = Path.of("/etc/symbolon/machine-secret");
    /** The environment variable that moves the machine secret. */
    public static final String SECRET_FILE_VARIABLE = "SYMBOLON_MACHINE_SECRET_FILE";

    private static final Logger LOG = LoggerFactory.getLogger(MachineSealer.class);
    private static final int SECRET_LENGTH = 32;
    private static final int NONCE = 12;
    private static final String HEADER = "symbolon sealed key v1\nsealer: machine\nmachine-secret: ";
    private static final String SEALED_PREFIX = "sealed: ";
    private static final byte[] KEY_INFO = "symbolon machine sealer key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINGERPRINT_INFO =
            "symbolon machine secret fingerprint v1".getBytes(StandardCharsets.US_ASCII);

    private final Path secretFile;
    private final SecureRandom random;

    /** A sealer using {@code $SYMBOLON_MACHINE_SECRET_FILE}, or {@link #DEFAULT_SECRET_FILE}. */
    public MachineSealer(SecureRandom random) {
        this(secretFileFrom(System.getenv()), random);
    }

    /** A sealer using the machine secret in {@code secretFile}, created there if absent. */
    public MachineSealer(Path secretFile, SecureRandom random) {
        this.secretFile = secretFile.toAbsolutePath();
        this.random = random;
    }

    /** The machine secret file an environment selects. */
    public static Path secretFileFrom(Map<String, String> environment) {
        String configured = environment.get(SECRET_FILE_VARIABLE);
        return configured == null || configured.isBlank() ? DEFAULT_SECRET_FILE : Path.of(configured);
    }

    /** The machine secret file this sealer uses. */
    public Path secretFile() {
        return secretFile;
    }

    /** The public fingerprint of this machine's secret (creating the secret if absent). */
    public String fingerprint() {
        try (SecretBytes secret = machineSecret()) {
            return fingerprintOf(secret);
        }
    }

    @Override
    public byte[] seal(SecretBytes secret) {
        try (SecretBytes machine = machineSecret()) {
            String header = HEADER + fingerprintOf(machine) + "\n";
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            byte[] sealed = Arrays.copyOf(nonce, NONCE + secret.length() + 16);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, machine, nonce, header);
            cipher.doFinal(secret.reveal(), 0, secret.length(), sealed, NONCE);
            String text = header + SEALED_PREFIX + Base64.getEncoder().encodeToString(sealed) + "\n";
            return text.getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal", e);
        }
    }

    @Override
    public SecretBytes unseal(byte[] sealedBytes) {
        String text = new String(sealedBytes, StandardCharsets.US_ASCII);
        int sealedAt = text.indexOf("\n" + SEALED_PREFIX);
        if (!text.startsWith(HEADER) || sealedAt < 0 || !text.endsWith("\n")) {
            throw new SymbolonException(
                    ErrorCode.SEALED, "the sealed system key is not in the machine sealer's format (damaged file?)");
        }
        String header = text.substring(0, sealedAt + 1);
        String expected = header.substring(HEADER.length(), header.length() - 1);
        byte[] sealed;
        try {
            sealed = Base64.getDecoder()
                    .decode(text.substring(sealedAt + 1 + SEALED_PREFIX.length(), text.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.SEALED, "the sealed system key is damaged (bad base64)");
        }
        try (SecretBytes machine = machineSecret()) {
            String found = fingerprintOf(machine);
            if (!found.equals(expected)) {
                throw new SealedElsewhereException(expected, found);
            }
            if (sealed.length < NONCE + 16) {
                throw new SymbolonException(ErrorCode.SEALED, "the sealed system key is damaged (too short)");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, machine, Arrays.copyOf(sealed, NONCE), header);
            return SecretBytes.adopt(cipher.doFinal(sealed, NONCE, sealed.length - NONCE));
        } catch (AEADBadTagException e) {
            throw new SymbolonException(
                    ErrorCode.SEALED,
                    "the sealed system key does not open with machine secret " + expected
                            + ": the file was modified. Restore the node from a backup");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to unseal", e);
        }
    }

    @Override
    public String describe() {
        return "machine-bound (machine secret " + fingerprint() + " in " + secretFile + ")";
    }

    private static Cipher cipher(int mode, SecretBytes machine, byte[] nonce, String header)
            throws GeneralSecurityException {
        byte[] key = Hkdf.derive(machine.reveal(), KEY_INFO, 32);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            return cipher;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static String fingerprintOf(SecretBytes machine) {
        byte[] id = Hkdf.derive(machine.reveal(), FINGERPRINT_INFO, 8);
        return HexFormat.of().formatHex(id);
    }

    /** Reads the machine secret, creating it (0600, 32 random bytes) if it does not exist yet. */
    private SecretBytes machineSecret() {
        try {
            return read();
        } catch (NoSuchFileException absent) {
            create();
            try {
                return read();
            } catch (IOException e) {
                throw unreadable(e);
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private SecretBytes read() throws IOException {
        byte[] bytes = Files.readAllBytes(secretFile);
        if (bytes.length != SECRET_LENGTH) {
            Arrays.fill(bytes, (byte) 0);
            throw new SymbolonException(
                    ErrorCode.SEALED,
                    "the machine secret " + secretFile + " is not " + SECRET_LENGTH + " bytes long; restore it from"
                            + " where it was kept, or remove it to seal new nodes to a new machine secret");
        }
        warnIfOthersCanRead();
        return SecretBytes.adopt(bytes);
    }

    private void create() {
        // Written beside its final name and linked into place, so a crash never leaves a short secret and
        // two processes creating it at once agree on one.
        try {
            Path directory = secretFile.getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(
                    directory,
                    ".machine-secret",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(
                            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            byte[] secret = new byte[SECRET_LENGTH];
            random.nextBytes(secret);
            try {
                Files.write(temporary, secret, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                Files.createLink(secretFile, temporary);
                LOG.info("machine secret created file={}", secretFile);
            } catch (FileAlreadyExistsException raced) {
                LOG.debug("machine secret created concurrently file={}", secretFile);
            } finally {
                Arrays.fill(secret, (byte) 0);
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot create the machine secret " + secretFile + " (" + e.getMessage() + "); set "
                            + SECRET_FILE_VARIABLE + " to a writable location outside the data directory",
                    e);
        }
    }

    private void warnIfOthersCanRead() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(secretFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn(
                        "machine secret readable by group or others file={} mode={}",
                        secretFile,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot check the machine secret's permissions file={}", secretFile, e);
        }
    }

    private SymbolonException unreadable(IOException e) {
        return new SymbolonException(
                ErrorCode.IO, "cannot read the machine secret " + secretFile + " (" + e.getMessage() + ")", e);
    }

    @Override
    public String toString() {
        return "MachineSealer[" + secretFile + "]";
    }
}
