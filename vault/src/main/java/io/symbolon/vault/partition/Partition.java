package io.symbolon.vault.partition;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * A namespace of objects with its own credentials. Object names are unique within a partition.
 *
 * @param name 1 to 64 letters, digits, {@code _ . -}, starting with a letter or digit
 * @param created when the partition was created (millisecond precision, as stored)
 */
public record Partition(String name, Instant created) {
    /** The partition every node has from boot; its security officer is {@code so@root}. */
    public static final String ROOT = "root";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public Partition {
        requireValidName(name);
        if (created == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a partition needs its creation time");
        }
        created = created.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Checks a partition name, naming it in the error. */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "'" + name + "' is not a valid partition name: use 1 to 64 letters, digits, '_', '.' or '-'");
        }
        return name;
    }
}
