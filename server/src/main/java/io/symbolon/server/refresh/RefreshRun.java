package io.symbolon.server.refresh;

import java.time.Instant;

/**
 * One refresh of the pair as EP ran it: what {@code GET /api/v1/server/refresh} shows.
 *
 * @param id 16 hex digits
 * @param trigger API (on demand), SCHEDULED (the interval), or RECOVERY (resumed after a crash)
 * @param fromEpoch the pair's epoch before
 * @param targetEpoch the epoch it moves to
 * @param state RUNNING, COMPLETED (both nodes at the target), or FAILED (see reason; a refresh EP had
 *     decided is resumed until it completes)
 * @param started when EP started it
 * @param finished when it ended, if it has
 * @param epRows rows EP rewrote
 * @param reason why it failed, if it did
 */
public record RefreshRun(
        String id,
        String trigger,
        long fromEpoch,
        long targetEpoch,
        String state,
        Instant started,
        Instant finished,
        long epRows,
        String reason) {
    RefreshRun ended(String endState, Instant when, long rows, String why) {
        return new RefreshRun(id, trigger, fromEpoch, targetEpoch, endState, started, when, rows, why);
    }
}
