package io.symbolon.server.objects;

import java.util.List;

/**
 * The result of {@code server test}: whether the pair is up and consistent, and every problem found.
 *
 * @param ok true only when both nodes answered, belong to the same pair, are at the same epoch, and
 *     every object is on both with the same description and, for EC and Ed25519 keys, public shares that
 *     add up to the stored public key
 * @param pairId the pair's id as EP knows it
 * @param ep what EP reported
 * @param partner what the Partner reported (null when it could not be reached)
 * @param objectsChecked how many objects were compared
 * @param publicKeysChecked how many public keys were checked against their two public shares
 * @param problemCount how many problems were found (the list stops at {@link #MAX_LISTED})
 * @param problems the problems, in uid order
 */
public record PairReport(
        boolean ok,
        String pairId,
        NodeReport ep,
        NodeReport partner,
        long objectsChecked,
        long publicKeysChecked,
        long problemCount,
        List<Problem> problems) {
    /** The most problems listed in one report. */
    public static final int MAX_LISTED = 1000;

    public PairReport {
        problems = List.copyOf(problems);
    }

    /**
     * One node's side.
     *
     * @param role "EP" or "Partner"
     * @param hostname its hostname
     * @param nodeId its id
     * @param pairId the pair it belongs to
     * @param epoch its epoch
     * @param objects how many ACTIVE objects it holds
     */
    public record NodeReport(String role, String hostname, String nodeId, String pairId, long epoch, long objects) {}

    /**
     * One problem.
     *
     * @param uid the object's uid, or null for a problem of the pair as a whole
     * @param name the object's name
     * @param partition its partition
     * @param type its type
     * @param detail what is wrong, e.g. "exists only in Partner"
     */
    public record Problem(String uid, String name, String partition, String type, String detail) {}
}
