package io.symbolon.error;

import java.util.Objects;

/**
 * The base of every failure Symbolon reports to a user. It carries one {@link ErrorCode} (and through
 * it an exit code and an HTTP status) and a message that says what happened and what to do next.
 *
 * <p>Messages never contain a secret: callers put names, uids, member names and public fingerprints in
 * them, never key material or passwords.
 */
public class SymbolonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public SymbolonException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode);
    }

    public SymbolonException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
