package io.symbolon.archive.recipient;

import io.symbolon.archive.age.Identity;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private static void wipe(Identity identity) {
        switch (identity) {
            case X25519Identity x25519 -> x25519.close();
            case MlKem768X25519Identity hybrid -> hybrid.close();
            default -> {}
        }
    }
}
