package io.symbolon.server.refresh;

/**
 * The Partner's half of a refresh as EP sees it; {@link RefreshPeerClient} reaches it over the pair
 * channel. Failures are {@link io.symbolon.error.SymbolonException}s ({@code PEER_UNAVAILABLE}, or the
 * Partner's own code when it refused).
 */
public interface RefreshPeer {
    RefreshMessages.Status status();

    RefreshMessages.Status begin(RefreshMessages.Begin begin);
}
