package io.symbolon.vault.seal;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;

/**
 * A sealed key that belongs to another machine: it was sealed under a machine secret whose fingerprint
 * is {@link #expected()}, and this machine's is {@link #found()}. Fingerprints are public: they identify
 * a machine secret without revealing it.
 */
public final class SealedElsewhereException extends SymbolonException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String found;

    public SealedElsewhereException(String expected, String found) {
        super(
                ErrorCode.SEALED,
                "sealed on another machine (machine secret " + expected + " expected, " + found + " found)");
        this.expected = expected;
        this.found = found;
    }

    /** The fingerprint of the machine secret the key was sealed under. */
    public String expected() {
        return expected;
    }

    /** The fingerprint of this machine's secret. */
    public String found() {
        return found;
    }
}
