package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Identity;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An age identity file, as {@code age-keygen} writes it: one identity per line, {@code AGE-SECRET-KEY-1…}
 * (X25519) or {@code AGE-SECRET-KEY-PQ-1…} (hybrid post-quantum, {@code age-keygen -pq}); lines starting
 * with {@code #} and blank lines are ignored. Every identity returned is {@link AutoCloseable}: closing it
 * wipes its key.
 */
public final class AgeIdentityFile {
    private static final String POST_QUANTUM_PREFIX = MlKem768X25519Keys.IDENTITY_HRP + "1";

    private AgeIdentityFile() {}

    /**
     * The identities of {@code file}, in order. An error names the file and line, never the line's text.
     *
     * @throws SymbolonException {@link ErrorCode#MALFORMED} for a line that is no identity, or a file with none
     */
    public static List<Identity> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Identity> identities = new ArrayList<>();
        try {
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    identities.add(parse(line));
                } catch (SymbolonException e) {
                    throw new SymbolonException(
                            ErrorCode.MALFORMED, "identity file " + file + ", line " + (i + 1) + ": " + e.getMessage());
                }
            }
            if (identities.isEmpty()) {
                throw new SymbolonException(ErrorCode.MALFORMED, "identity file " + file + " holds no identity");
            }
            return List.copyOf(identities);
        } catch (RuntimeException e) {
            identities.forEach(AgeIdentityFile::wipe);
            throw e;
        }
    }

    /** One identity line of either kind. */
    public static Identity parse(String line) {
        return line.strip().startsWith(POST_QUANTUM_PREFIX)
                ? MlKem768X25519Identity.parse(line)
                : X25519Identity.parse(line);
    }

    /** A generated identity file: where it is, and the public recipient of its identity. */
    public record Created(Path file, String recipient, String fingerprint, String kind) {}

    /**
     * Generates a new identity and writes it to {@code file} as {@code age-keygen} does (a
     * {@code # created:} and a {@code # public key:} comment, then the identity line), owner-only (mode
     * 0600), forced to disk, and never over an existing file. The secret exists only in the file.
     *
     * @param postQuantum an MLKEM768-X25519 identity ({@code age-keygen -pq}) instead of an X25519 one
     * @throws SymbolonException {@link ErrorCode#ALREADY_EXISTS} if {@code file} exists, {@link ErrorCode#IO}
     *     if it cannot be written
     */
    public static Created create(Path file, boolean postQuantum, Instant created) {
        Created result;
        String secret;
        if (postQuantum) {
            try (MlKem768X25519Identity identity = MlKem768X25519Identity.generate()) {
                MlKem768X25519Recipient recipient = identity.recipient();
                result = new Created(file, recipient.encoded(), recipient.fingerprint(), recipient.kind());
                secret = identity.encoded();
            }
        } else {
            try (X25519Identity identity = X25519Identity.generate()) {
                X25519Recipient recipient = identity.recipient();
                result = new Created(file, recipient.encoded(), recipient.fingerprint(), recipient.kind());
                secret = identity.encoded();
            }
        }
        byte[] content = ("# created: " + created.truncatedTo(ChronoUnit.SECONDS) + "\n" + "# public key: "
                        + result.recipient() + "\n" + secret + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path temporary = null;
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            temporary = NewFiles.temporary(file, out -> out.write(content), "rw-------");
            NewFiles.place(temporary, file);
            return result;
        } catch (FileAlreadyExistsException e) {
            throw new SymbolonException(ErrorCode.ALREADY_EXISTS, file + " already exists; it is never overwritten");
        } catch (IOException | GeneralSecurityException e) {
            throw new SymbolonException(
                    ErrorCode.IO,
                    "cannot write the identity file " + file + ": "
                            + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(content, (byte) 0);
            NewFiles.deleteQuietly(temporary);
        }
    }

    /**
     * The public recipient of every identity in {@code file}, as {@code age-keygen -y} prints them.
     */
    public static List<String> recipients(Path file) throws IOException {
        List<Identity> identities = read(file);
        try {
            return identities.stream()
                    .map(identity -> switch (identity) {
                        case X25519Identity x25519 -> x25519.recipient().encoded();
                        case MlKem768X25519Identity hybrid -> hybrid.recipient().encoded();
                        default -> throw new IllegalStateException("unexpected identity " + identity);
                    })
                    .toList();
        } finally {
            identities.forEach(AgeIdentityFile::wipe);
        }
    }

    private static void wipe(Identity identity) {
        switch (identity) {
            case X25519Identity x25519 -> x25519.close();
            case MlKem768X25519Identity hybrid -> hybrid.close();
            default -> {}
        }
    }
}
