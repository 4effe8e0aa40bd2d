package io.symbolon.archive;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Optional;

/**
 * A failure to read, verify or write an archive. When the failure concerns one member of the
 * archive, {@link #member()} names it and the message starts with it.
 */
public final class ArchiveException extends SymbolonException {
    private static final long serialVersionUID = 1L;

    private final String member;

    public ArchiveException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public ArchiveException(ErrorCode code, String member, String message) {
        this(code, member, message, null);
    }

    public ArchiveException(ErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    public ArchiveException(ErrorCode code, String member, String message, Throwable cause) {
        super(code, member == null ? message : member + ": " + message, cause);
        this.member = member;
    }

    /** The archive member the failure is about, if any. */
    public Optional<String> member() {
        return Optional.ofNullable(member);
    }
}
