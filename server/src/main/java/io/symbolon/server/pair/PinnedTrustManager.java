package io.symbolon.server.pair;

import io.symbolon.archive.signature.KeyFingerprint;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts exactly one certificate: the peer's, approved by an operator at boot. No CA, no hostname and
 * no date is consulted — the pin is the whole of the trust — and any other certificate is refused
 * during the handshake and logged with both fingerprints, so an operator sees who knocked.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedTrustManager.class);

    private final X509Certificate pinned;
    private final byte[] pinnedEncoded;
    private final String pinnedFingerprint;

    public PinnedTrustManager(X509Certificate pinned) {
        this.pinned = pinned;
        try {
            this.pinnedEncoded = pinned.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("the pinned certificate cannot be encoded", e);
        }
        this.pinnedFingerprint = KeyFingerprint.of(pinned.getPublicKey());
    }

    private void check(X509Certificate[] chain, String side) throws CertificateException {
        if (chain == null || chain.length == 0) {
            LOG.warn("pair channel refused a peer without a certificate side={}", side);
            throw new CertificateException("the peer presented no certificate");
        }
        byte[] presented = chain[0].getEncoded();
        if (!Arrays.equals(presented, pinnedEncoded)) {
            String fingerprint = KeyFingerprint.of(chain[0].getPublicKey());
            LOG.warn(
                    "pair channel refused an unapproved peer certificate side={} presented={} subject=\"{}\" expected={}",
                    side,
                    fingerprint,
                    chain[0].getSubjectX500Principal().getName(),
                    pinnedFingerprint);
            throw new CertificateException("the peer's certificate " + fingerprint
                    + " is not the one approved at boot (" + pinnedFingerprint + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, "server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // Offered to the peer as the acceptable CA list: the pinned (self-signed) certificate itself.
        return new X509Certificate[] {pinned};
    }

    /** The pinned certificate's fingerprint. */
    public String pinnedFingerprint() {
        return pinnedFingerprint;
    }
}
