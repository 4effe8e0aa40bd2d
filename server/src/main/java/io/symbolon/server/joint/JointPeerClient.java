package io.symbolon.server.joint;

import io.symbolon.server.replay.PairChannel;
import java.time.Duration;

/** {@link JointPeer} over the pair channel. */
public final class JointPeerClient implements JointPeer {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PairChannel channel;

    public JointPeerClient(PairChannel channel) {
        this.channel = channel;
    }

    @Override
    public JointMessages.SignCommitted commit(JointMessages.SignCommit commit) {
        return channel.post(JointMessages.PATH + "/sign/commit", commit, JointMessages.SignCommitted.class, TIMEOUT);
    }

    @Override
    public JointMessages.SignRevealed reveal(JointMessages.SignReveal reveal) {
        return channel.post(JointMessages.PATH + "/sign/reveal", reveal, JointMessages.SignRevealed.class, TIMEOUT);
    }

    @Override
    public JointMessages.Derived derive(JointMessages.Derive derive) {
        return channel.post(JointMessages.PATH + "/derive", derive, JointMessages.Derived.class, TIMEOUT);
    }
}
