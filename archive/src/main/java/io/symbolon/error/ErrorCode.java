package io.symbolon.error;

/**
 * The one table of Symbolon's failures: each has a stable code (shown to users and in JSON errors), a
 * distinct CLI exit code and one HTTP status. docs/OPERATIONS.md reproduces this table; a test keeps
 * the two in step, and another that no exit code is used twice.
 *
 * <p>Exit codes 0 (success), 1 (a check ran and found a difference) and 2 (bad usage, picocli's
 * convention) are reserved by the CLI itself.
 */
public enum ErrorCode {
    // Usage and environment
    USAGE("usage", 2, 400),
    IO("io", 3, 500),
    NOT_FOUND("not-found", 4, 404),
    ALREADY_EXISTS("already-exists", 5, 409),
    INTERNAL("internal", 9, 500),

    // Reading an archive: its shape
    EMPTY_FILE("empty-file", 10, 422),
    NOT_GZIP("not-gzip", 11, 422),
    NOT_TAR("not-tar", 12, 422),
    UNSAFE_MEMBER_NAME("unsafe-member-name", 13, 422),
    MEMBER_LAYOUT("member-layout", 14, 422),
    TRUNCATED("truncated", 15, 422),
    MALFORMED("malformed", 16, 422),
    UNSUPPORTED_VERSION("unsupported-version", 17, 422),

    // Reading an archive: its integrity and trust
    MEMBER_TAMPERED("member-tampered", 20, 422),
    SIGNATURE_INVALID("signature-invalid", 21, 422),
    UNTRUSTED_SIGNER("untrusted-signer", 22, 422),
    PAYLOAD_TAMPERED("payload-tampered", 23, 422),
    CONTENT_MISMATCH("content-mismatch", 24, 422),

    // Keys, identities, passwords
    NO_MATCHING_IDENTITY("no-matching-identity", 30, 403),
    WRONG_PASSWORD("wrong-password", 31, 403),
    KEYSTORE("keystore", 32, 422),
    BAD_RECIPIENT("bad-recipient", 33, 400),
    WEAK_KEY("weak-key", 34, 400),
    HEADER_MAC_INVALID("header-mac-invalid", 35, 422),

    // Custodians and volumes
    CUSTODIAN_SHORT("custodian-short", 40, 422),
    CUSTODIAN_INVALID("custodian-invalid", 41, 422),
    VOLUME_INVALID("volume-invalid", 42, 422),
    VOLUME_MISSING("volume-missing", 43, 422),

    // Nodes, pairs, restore
    WRONG_ROLE("wrong-role", 50, 409),
    FOREIGN_PAIR("foreign-pair", 51, 409),
    EPOCH_MISMATCH("epoch-mismatch", 52, 409),
    SEALED("sealed", 53, 503),
    SHARE_TAMPERED("share-tampered", 54, 500),
    PEER_UNAVAILABLE("peer-unavailable", 55, 503),
    PEER_REJECTED("peer-rejected", 56, 502),
    UNAUTHENTICATED("unauthenticated", 60, 401),
    FORBIDDEN("forbidden", 61, 403),
    CONFLICT("conflict", 62, 409),
    THROTTLED("throttled", 63, 429),
    BACKUP_RUNNING("backup-running", 64, 409),
    /** A coordinated backup ended FAILED ({@code symbolon backup start --wait}); its reason says why. */
    BACKUP_FAILED("backup-failed", 65, 500);

    private final String code;
    private final int exitCode;
    private final int httpStatus;

    ErrorCode(String code, int exitCode, int httpStatus) {
        this.code = code;
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    /** The stable, machine-readable name of this failure, e.g. {@code member-tampered}. */
    public String code() {
        return code;
    }

    /** The process exit code the CLI ends with. */
    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status the REST API answers with. */
    public int httpStatus() {
        return httpStatus;
    }
}
