package io.symbolon.vault.credential;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;

/**
 * The cost of an Argon2id password hash (RFC 9106). The defaults follow RFC 9106 §7.4's second
 * recommendation with one lane (the nodes have few cores): 64 MiB, 3 passes. Stored hashes carry their
 * own parameters, so raising these later only affects new and re-hashed passwords.
 *
 * @param memoryKib memory in KiB (at least 8 per lane, at most 1 GiB)
 * @param iterations passes over the memory (1 to 64)
 * @param parallelism lanes (1 to 16)
 */
public record Argon2idParameters(int memoryKib, int iterations, int parallelism) {
    /** What production uses. */
    public static final Argon2idParameters DEFAULT = new Argon2idParameters(64 * 1024, 3, 1);

    public Argon2idParameters {
        if (parallelism < 1 || parallelism > 16) {
            throw new SymbolonException(ErrorCode.USAGE, "Argon2id parallelism is 1 to 16, not " + parallelism);
        }
        if (iterations < 1 || iterations > 64) {
            throw new SymbolonException(ErrorCode.USAGE, "Argon2id passes are 1 to 64, not " + iterations);
        }
        if (memoryKib < 8 * parallelism || memoryKib > 1024 * 1024) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "Argon2id memory is 8 KiB per lane to 1 GiB, not " + memoryKib + " KiB");
        }
    }
}
