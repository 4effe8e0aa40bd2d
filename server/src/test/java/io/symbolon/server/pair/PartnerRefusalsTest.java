package io.symbolon.server.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * A failed pair-channel request is a handshake refusal (the peer is not the approved Partner) only when
 * TLS refused; a Partner that died while EP connected is unavailable, even if TLS reports the loss.
 */
class PartnerRefusalsTest {
    private static <T extends Throwable> T causedBy(T failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }

    @Test
    void aCertificateTheHandshakeRefusedIsARefusal() {
        assertThat(PartnerRefusals.isHandshakeRefusal(
                        causedBy(new SSLHandshakeException("PKIX path validation failed"), new CertificateException())))
                .isTrue();
        assertThat(PartnerRefusals.isHandshakeRefusal(
                        new IOException(new SSLHandshakeException("Received fatal alert: bad_certificate"))))
                .isTrue();
    }

    @Test
    void aConnectionLostDuringTheHandshakeIsNoRefusal() {
        assertThat(PartnerRefusals.isHandshakeRefusal(causedBy(
                        new SSLHandshakeException("Remote host terminated the handshake"),
                        new EOFException("SSL peer shut down incorrectly"))))
                .isFalse();
        assertThat(PartnerRefusals.isHandshakeRefusal(new IOException(
                        causedBy(new SSLException("Connection reset"), new SocketException("Connection reset")))))
                .isFalse();
        assertThat(PartnerRefusals.isHandshakeRefusal(new IOException("connection closed")))
                .isFalse();
    }
}
