package io.symbolon.archive;

/**
 * Told how far a long operation over an archive file has got, in bytes of the file read. Called from
 * the reading thread, often: implementations must be cheap (a counter a progress bar polls).
 */
@FunctionalInterface
public interface Progress {
    void advance(long bytes);

    /** Reports nowhere. */
    static Progress none() {
        return bytes -> {};
    }
}
