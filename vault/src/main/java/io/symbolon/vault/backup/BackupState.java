package io.symbolon.vault.backup;

/** Where a coordinated backup stands (seed 000's {@code state}). */
public enum BackupState {
    /** Both nodes are writing their archives. */
    IN_PROGRESS,
    /** Both archives were written and their digests match. */
    TEST_SUCCESS,
    /** Both archives were written, but their digests differ (the result lists how). */
    TEST_FAILED,
    /** The backup did not complete (the result says why); no archive of it is left behind. */
    FAILED;

    /** Whether the backup has ended. */
    public boolean finished() {
        return this != IN_PROGRESS;
    }
}
