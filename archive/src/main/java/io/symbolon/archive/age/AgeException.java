package io.symbolon.archive.age;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Objects;

/**
 * An age file that cannot be opened: its header, armor or payload is malformed or tampered with, or
 * none of the given identities can unwrap its file key. The {@link Kind} follows the outcomes of the age
 * test vectors (age.md, "Test vectors"), so that a lower-level failure is never reported as a
 * higher-level one. Messages name what failed and never contain key material or passphrases.
 */
public final class AgeException extends SymbolonException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in the categories of the age test vectors. */
    public enum Kind {
        /** The header (or a stanza addressed to a given identity) does not follow the specification. */
        HEADER(ErrorCode.MALFORMED),
        /** The header is well formed, but no given identity can unwrap any of its stanzas. */
        NO_MATCH(ErrorCode.NO_MATCHING_IDENTITY),
        /** A file key was unwrapped, but the header MAC does not verify: the header was modified. */
        HMAC(ErrorCode.HEADER_MAC_INVALID),
        /** The payload was modified, truncated or extended; plaintext already released is authentic. */
        PAYLOAD(ErrorCode.PAYLOAD_TAMPERED),
        /** The ASCII armor is not the strict PEM encoding age requires. */
        ARMOR(ErrorCode.MALFORMED);

        private final ErrorCode errorCode;

        Kind(ErrorCode errorCode) {
            this.errorCode = errorCode;
        }

        /** The entry of Symbolon's error table this kind is reported as. */
        public ErrorCode errorCode() {
            return errorCode;
        }
    }

    private final Kind kind;

    public AgeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public AgeException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(kind).errorCode(), message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
