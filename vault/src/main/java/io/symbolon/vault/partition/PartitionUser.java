package io.symbolon.vault.partition;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * A user of one partition, who logs in as {@code <user>@<partition>}, with the hash of their password
 * (a PHC string from {@code credential.PasswordHasher}; never the password itself).
 *
 * @param partition the partition the user belongs to
 * @param user 1 to 64 letters, digits, {@code _ . -}
 * @param passwordHash the PHC-formatted Argon2id hash
 * @param securityOfficer whether the user administers the partition (the SO)
 * @param created when the user was created
 */
public record PartitionUser(
        String partition, String user, String passwordHash, boolean securityOfficer, Instant created) {
    /** The security officer's user name in every partition. */
    public static final String SECURITY_OFFICER = "so";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public PartitionUser {
        Partition.requireValidName(partition);
        if (user == null || !NAME.matcher(user).matches()) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "'" + user + "' is not a valid user name: use 1 to 64 letters, digits, '_', '.' or '-'");
        }
        if (passwordHash == null || !passwordHash.startsWith("$") || passwordHash.length() > 512) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "the password of " + user + "@" + partition + " is not a hash");
        }
        if (created == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a user needs its creation time");
        }
        created = created.truncatedTo(ChronoUnit.MILLIS);
    }

    /** How the user logs in: {@code user@partition}. */
    public String login() {
        return user + "@" + partition;
    }

    @Override
    public String toString() {
        // The hash is not the password, but it is still no business of a log line.
        return "PartitionUser[" + login() + (securityOfficer ? ", SO" : "") + "]";
    }
}
