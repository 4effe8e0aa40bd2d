package io.symbolon.cli.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.symbolon.server.testing.ApiCaller.Answer;
import io.symbolon.server.testing.PairHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Share refresh by a real pair on SQLite: on demand, from the CLI, on its schedule, and killed at every
 * step of the protocol (the contract's test).
 */
@Tag("integration")
class RefreshCrashTest extends RefreshCrashContract {
    @Override
    PairHarness.Options databases() {
        return PairHarness.Options.sqlite();
    }

    @Test
    @Order(1)
    void aRefreshOnDemandMovesBothNodesToTheNextEpochWithEveryKeyIntact() throws Exception {
        long before = awaitConverged();
        Answer started = pair.api().post(REFRESH, Map.of());
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        assertThat(started.body().path("targetEpoch").asLong()).isEqualTo(before + 1);
        Answer again = pair.api().post(REFRESH, Map.of());
        assertThat(again.status()).isIn(202, 409);
        assertThat(awaitConverged()).isGreaterThanOrEqualTo(before + 1);
        assertEveryKeyIntact(status().path("ep").path("epoch").asLong());
        assertThat(pair.api().as("nobody@root", "wrong").post(REFRESH, Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    @Order(2)
    void theCliRefreshesAndWaitsForBothNodes() throws Exception {
        long before = awaitConverged();
        var result = pair.ep()
                .run(
                        "server",
                        "refresh",
                        "--data-dir",
                        pair.ep().dataDir().toString(),
                        "--password-file",
                        pair.root().resolve("root-password").toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("Refreshed: EP and Partner are at epoch " + (before + 1));
        assertEveryKeyIntact(before + 1);
    }

    @Test
    @Order(3)
    void theScheduleRefreshesOnItsOwn() throws Exception {
        long before = awaitConverged();
        pair.ep().stop();
        configure(pair.ep(), "refresh.intervalSeconds=2\n");
        pair.ep().start();
        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> status().path("ep").path("epoch").asLong() >= before + 2);
        pair.ep().stop();
        configure(pair.ep(), "refresh.intervalSeconds=0\n");
        pair.ep().start();
        assertEveryKeyIntact(awaitConverged());
        assertThat(pair.ep().log()).contains("trigger=SCHEDULED");
    }
}
