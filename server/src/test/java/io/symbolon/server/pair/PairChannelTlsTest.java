package io.symbolon.server.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.http.HttpsServer;
import io.symbolon.server.http.Route;
import io.symbolon.vault.node.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pair channel's TLS on real loopback sockets: JDK 25 does mutual TLS 1.3 with Ed25519 node keys
 * (the choice docs/SECURITY.md records), and each side accepts exactly the pinned peer.
 */
@Tag("integration")
class PairChannelTlsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NodeIdentity EP = NodeIdentity.generate("127.0.0.1", Role.EP, Clock.systemUTC(), RANDOM);
    private static final NodeIdentity PARTNER =
            NodeIdentity.generate("127.0.0.1", Role.PARTNER, Clock.systemUTC(), RANDOM);
    private static HttpsServer partner;

    @BeforeAll
    static void startPartner() {
        partner = HttpsServer.start(
                "pair-test",
                "127.0.0.1",
                0,
                PairTls.pairContext(PARTNER, EP.certificate(), RANDOM),
                true,
                List.of(Route.get("/pair/v1/hello", ctx -> ctx.result("hello"))));
    }

    @AfterAll
    static void stopPartner() {
        partner.close();
    }

    private static HttpResponse<String> hello(NodeIdentity client, NodeIdentity pinnedServer) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PairTls.pairContext(client, pinnedServer.certificate(), RANDOM))
                .build();
        return http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + partner.port() + "/pair/v1/hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void approvedNodesShakeHandsWithEd25519OverTls13() throws Exception {
        HttpResponse<String> answer = hello(EP, PARTNER);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello");
        SSLSession session = answer.sslSession().orElseThrow();
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(session.getPeerCertificates()[0].getPublicKey().getAlgorithm())
                .isIn("EdDSA", "Ed25519");
        assertThat(session.getLocalCertificates()[0].getPublicKey().getAlgorithm())
                .isIn("EdDSA", "Ed25519");
    }

    @Test
    void thePartnerRefusesAClientWhoseCertificateWasNotApproved() {
        NodeIdentity stranger = NodeIdentity.generate("127.0.0.1", Role.EP, Clock.systemUTC(), RANDOM);

        assertThatThrownBy(() -> hello(stranger, PARTNER)).isInstanceOf(IOException.class);
    }

    @Test
    void epRefusesAServerWhoseCertificateWasNotApproved() {
        NodeIdentity expectedPartner = NodeIdentity.generate("127.0.0.1", Role.PARTNER, Clock.systemUTC(), RANDOM);

        assertThatThrownBy(() -> hello(EP, expectedPartner)).isInstanceOf(IOException.class);
    }

    @Test
    void theNodeKeySignsArchivesWithEd25519() {
        assertThat(EP.signer().algorithm().label()).isEqualTo("Ed25519");
        assertThat(EP.fingerprint()).startsWith("SHA256:");
    }
}
