package io.symbolon.server.boot;

import io.symbolon.archive.signature.KeyFingerprint;
import io.symbolon.vault.node.Role;
import java.security.cert.X509Certificate;

/**
 * What a node learns about its peer in the certificate exchange at boot, before an operator approves
 * it: the peer's role, ids and hostname as it states them, and the certificate it proved it holds the
 * key of (in the TLS handshake).
 *
 * @param role the role the peer claims
 * @param pairId the pair id (EP's choice; the same on both sides after the exchange)
 * @param nodeId the peer's node id
 * @param hostname the peer's own hostname
 * @param certificate the peer's certificate
 */
public record PeerIntroduction(Role role, String pairId, String nodeId, String hostname, X509Certificate certificate) {
    /** The fingerprint the operators compare: {@code SHA256:…} of the certificate's public key. */
    public String fingerprint() {
        return KeyFingerprint.of(certificate.getPublicKey());
    }
}
