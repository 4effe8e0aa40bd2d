package io.symbolon.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Archive file names, {@code database_<yyyy-MM-dd-HH-mm-ss>.tar.gz} in UTC (seed 000), and the names of
 * the temporary files written beside an archive while it is being made.
 */
public final class ArchiveName {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);
    private static final Pattern NAME =
            Pattern.compile("database_\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}\\.tar\\.gz");

    private ArchiveName() {}

    /** The archive name for a backup taken at {@code time}. */
    public static String at(Instant time) {
        return "database_" + STAMP.format(time) + ".tar.gz";
    }

    /** True for names of the form this class makes. */
    public static boolean isArchiveName(String name) {
        return NAME.matcher(name).matches();
    }

    /** A hidden temporary name beside {@code name}; such files never hold plaintext. */
    static String temporary(String name, String purpose) {
        return "." + name + "." + purpose + ".tmp";
    }
}
