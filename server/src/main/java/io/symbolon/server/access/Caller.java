package io.symbolon.server.access;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.vault.partition.Partition;

/**
 * An authenticated client: {@code so@root} (the root SO, who administers the node and every partition),
 * a partition's SO ({@code so@<partition>}) or a partition user ({@code <user>@<partition>}).
 *
 * @param user the user name
 * @param partition the partition the user belongs to
 * @param securityOfficer whether the user is the partition's SO
 */
public record Caller(String user, String partition, boolean securityOfficer) {
    /** Whether this is the root SO. */
    public boolean isRootSecurityOfficer() {
        return securityOfficer && partition.equals(Partition.ROOT);
    }

    public String login() {
        return user + "@" + partition;
    }

    /** Refuses unless this caller may work with the objects of {@code target}. */
    public void requirePartition(String target) {
        if (!isRootSecurityOfficer() && !partition.equals(target)) {
            throw new SymbolonException(ErrorCode.FORBIDDEN, login() + " may not work with partition " + target);
        }
    }

    /** Refuses unless this caller administers {@code target} (its SO, or the root SO). */
    public void requireSecurityOfficerOf(String target) {
        if (!isRootSecurityOfficer() && !(securityOfficer && partition.equals(target))) {
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN, "only the SO of partition " + target + " or so@root may do this");
        }
    }

    /** Refuses unless this caller is the root SO. */
    public void requireRootSecurityOfficer() {
        if (!isRootSecurityOfficer()) {
            throw new SymbolonException(ErrorCode.FORBIDDEN, "only so@root may do this, not " + login());
        }
    }
}
