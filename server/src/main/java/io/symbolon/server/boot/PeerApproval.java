package io.symbolon.server.boot;

/**
 * The operator's decision on the peer met at boot. The command line shows the peer's fingerprint and
 * asks (or, with {@code -f}, accepts and prints it).
 */
@FunctionalInterface
public interface PeerApproval {
    /**
     * Whether to trust {@code peer} from now on as the only pair-channel peer. {@code ownFingerprint} is
     * this node's, which the peer's operator is comparing at the same moment.
     */
    boolean approve(PeerIntroduction peer, String ownFingerprint);
}
