package io.symbolon.server.refresh;

import io.symbolon.server.replay.MessageStamp;

/**
 * The pair-channel messages of a share refresh, EP the client and the Partner the server.
 *
 * <pre>
 * GET  /pair/v1/refresh          → Status     where the Partner stands
 * POST /pair/v1/refresh   Begin  → Status     the Partner stores the seed sealed, then rewrites
 * </pre>
 *
 * {@link Begin} carries the refresh's seed (inside TLS); it is idempotent for the same target and seed,
 * so EP sends it again after any failure, and refused for another seed while a refresh is under way.
 */
public final class RefreshMessages {
    /** The route under the pair channel's {@code /pair/v1}. */
    public static final String PATH = "/refresh";

    private RefreshMessages() {}

    /**
     * EP's decision to refresh to {@code targetEpoch} with {@code seed}.
     *
     * @param stamp the message's stamp
     * @param pairId the pair's id (a message for another pair is refused)
     * @param targetEpoch the epoch the shares move to
     * @param seed the 32-byte mask seed, base64
     */
    public record Begin(MessageStamp stamp, String pairId, long targetEpoch, String seed) {
        @Override
        public String toString() {
            return "Begin[" + stamp + ", " + pairId + ", " + targetEpoch + ", seed redacted]";
        }
    }

    /**
     * Where a node stands.
     *
     * @param epoch its current epoch
     * @param phase IDLE or REWRITING
     * @param targetEpoch the epoch its shares move to, while rewriting (else 0)
     * @param resealed rows re-sealed by the rewrite running now (or last)
     * @param running whether its rewrite is running now
     * @param pinned whether a backup holds its epoch
     */
    public record Status(long epoch, String phase, long targetEpoch, long resealed, boolean running, boolean pinned) {}
}
