package io.symbolon.server.joint;

/**
 * The Partner's half of joint operations as EP sees it; {@link JointPeerClient} reaches it over the pair
 * channel. Failures are {@link io.symbolon.error.SymbolonException}s: {@code PEER_UNAVAILABLE} when the
 * Partner cannot be reached, the Partner's own code when it refused.
 */
public interface JointPeer {
    JointMessages.SignCommitted commit(JointMessages.SignCommit commit);

    JointMessages.SignRevealed reveal(JointMessages.SignReveal reveal);

    JointMessages.Derived derive(JointMessages.Derive derive);
}
