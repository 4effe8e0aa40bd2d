package io.symbolon.server.refresh;

import io.symbolon.server.replay.PairChannel;
import java.time.Duration;

/** {@link RefreshPeer} over the pair channel. */
public final class RefreshPeerClient implements RefreshPeer {
    /** Short: client writes on EP wait for the Partner's answer to {@link #begin}. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PairChannel channel;

    public RefreshPeerClient(PairChannel channel) {
        this.channel = channel;
    }

    @Override
    public RefreshMessages.Status status() {
        return channel.get(RefreshMessages.PATH, RefreshMessages.Status.class, TIMEOUT);
    }

    @Override
    public RefreshMessages.Status begin(RefreshMessages.Begin begin) {
        return channel.post(RefreshMessages.PATH, begin, RefreshMessages.Status.class, TIMEOUT);
    }
}
