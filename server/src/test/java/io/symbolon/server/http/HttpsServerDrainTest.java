package io.symbolon.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symbolon.server.boot.NodeIdentity;
import io.symbolon.server.pair.PairTls;
import io.symbolon.vault.node.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stopping a listener on a real TLS socket: a request in flight is answered before the listener stops,
 * and the stop follows as soon as it is, not after the grace period.
 */
@Tag("integration")
class HttpsServerDrainTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final NodeIdentity CLIENT = NodeIdentity.generate("127.0.0.1", Role.EP, Clock.systemUTC(), RANDOM);
    private static final NodeIdentity SERVER =
            NodeIdentity.generate("127.0.0.1", Role.PARTNER, Clock.systemUTC(), RANDOM);

    @Test
    void closeWaitsForTheRequestInFlightAndStopsAsSoonAsItIsAnswered() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        HttpsServer server = HttpsServer.start(
                "drain-test",
                "127.0.0.1",
                0,
                PairTls.pairContext(SERVER, CLIENT.certificate(), RANDOM),
                true,
                List.of(Route.get("/slow", ctx -> {
                    entered.countDown();
                    if (!finish.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never let the request finish");
                    }
                    ctx.result("done");
                })));
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PairTls.pairContext(CLIENT, SERVER.certificate(), RANDOM))
                .build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/slow"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS))
                .as("the request reached its handler")
                .isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !closing.isDone()); // the stop waits for the request in flight

        long finished = System.nanoTime();
        finish.countDown();
        closing.get(10, TimeUnit.SECONDS);
        Duration closed = Duration.ofNanos(System.nanoTime() - finished);

        HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        assertThat(closed)
                .as("stopped once the request was answered, without sitting out the grace period")
                .isLessThan(Duration.ofSeconds(10));
    }
}
