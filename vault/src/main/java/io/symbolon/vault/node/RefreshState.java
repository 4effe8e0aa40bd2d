package io.symbolon.vault.node;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.Arrays;

/**
 * A node's progress through a share refresh. While {@link RefreshPhase#REWRITING}, {@code
 * sealedMaskSeed} holds the seed both nodes derive their masks from, sealed under this node's system
 * key, so that a rewrite interrupted by a crash can resume with the same masks.
 *
 * @param phase where the refresh stands
 * @param targetEpoch the epoch shares move to; meaningful only while rewriting
 * @param sealedMaskSeed the sealed mask seed while rewriting, empty when idle
 */
public record RefreshState(RefreshPhase phase, long targetEpoch, byte[] sealedMaskSeed) {
    /** No refresh under way. */
    public static final RefreshState IDLE = new RefreshState(RefreshPhase.IDLE, 0, new byte[0]);

    public RefreshState {
        if (phase == null) {
            throw new SymbolonException(ErrorCode.USAGE, "a refresh state needs a phase");
        }
        sealedMaskSeed = sealedMaskSeed == null ? new byte[0] : sealedMaskSeed.clone();
        if (phase == RefreshPhase.IDLE && (targetEpoch != 0 || sealedMaskSeed.length != 0)) {
            throw new SymbolonException(ErrorCode.USAGE, "an idle refresh state has no target epoch and no seed");
        }
        if (phase == RefreshPhase.REWRITING && (targetEpoch < 1 || sealedMaskSeed.length == 0)) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "a rewriting refresh state needs a target epoch and a sealed mask seed");
        }
    }

    /** A refresh rewriting shares to {@code targetEpoch} with masks from the sealed seed. */
    public static RefreshState rewriting(long targetEpoch, byte[] sealedMaskSeed) {
        return new RefreshState(RefreshPhase.REWRITING, targetEpoch, sealedMaskSeed);
    }

    @Override
    public byte[] sealedMaskSeed() {
        return sealedMaskSeed.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RefreshState that
                && phase == that.phase
                && targetEpoch == that.targetEpoch
                && Arrays.equals(sealedMaskSeed, that.sealedMaskSeed);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * phase.hashCode() + Long.hashCode(targetEpoch)) + Arrays.hashCode(sealedMaskSeed);
    }

    @Override
    public String toString() {
        // The seed is sealed, but it is no business of a log line either way.
        return "RefreshState[phase=" + phase + ", targetEpoch=" + targetEpoch + ", sealedMaskSeed="
                + (sealedMaskSeed.length == 0 ? "none" : sealedMaskSeed.length + " bytes") + "]";
    }
}
