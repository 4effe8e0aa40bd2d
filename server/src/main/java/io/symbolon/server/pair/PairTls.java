package io.symbolon.server.pair;

import io.symbolon.server.boot.NodeIdentity;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The TLS 1.3 contexts of a node: the pair channel's (mutual, pinned) and the client API's. */
public final class PairTls {
    /** The only protocol either channel speaks. */
    public static final String PROTOCOL = "TLSv1.3";

    private PairTls() {}

    /** The pair channel: this node's identity on our side, exactly {@code peer} accepted on the other. */
    public static SSLContext pairContext(NodeIdentity identity, X509Certificate peer, SecureRandom random) {
        return context(
                new KeyManager[] {identity.keyManager()}, new TrustManager[] {new PinnedTrustManager(peer)}, random);
    }

    /** The client API's server side: this node's identity; clients are authenticated by password. */
    public static SSLContext apiContext(NodeIdentity identity, SecureRandom random) {
        return context(new KeyManager[] {identity.keyManager()}, null, random);
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keys, trust, random);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks TLS 1.3", e);
        }
    }
}
