package io.symbolon.vault.partition;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A namespace of objects with its own credentials. Object names are unique within a partition.
 *
 * @param name 1 to 64 letters, digits, {@code _ . -}, starting with a letter or digit
 * @param created when the partition was created (millisecond precision, as stored)
 */
public record Partition(String name, Instant created) {
    /** The partition every node has from boot; its security officer is {@code so@root}. */
    public static final String ROOT = "root";

    public Partition {
        requireValidName(name);
        if (created == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a partition needs its creation time");
        }
        created = created.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Checks a partition name, naming it in the error. */
    public static String requireValidName(String name) {
        if (name == null || !isValidName(name)) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "'" + name + "' is not a valid partition name: use 1 to 64 letters, digits, '_', '.' or '-'");
        }
        return name;
    }

    /**
     * What {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,63}} matches, as a loop: every object a restore or a
     * snapshot reads names its partition.
     */
    private static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (i == 0 || (c != '_' && c != '.' && c != '-'))) {
                return false;
            }
        }
        return true;
    }
}
