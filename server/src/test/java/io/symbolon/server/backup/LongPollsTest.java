package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A held long poll ends at the event, at the end of its wait, or when the node begins to stop. */
class LongPollsTest {
    private final LongPolls polls = new LongPolls();
    private final CountDownLatch ended = new CountDownLatch(1);

    private static Duration timed(Runnable hold) {
        long start = System.nanoTime();
        hold.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aPollForWhatHasEndedIsAnsweredAtOnce() {
        ended.countDown();

        assertThat(timed(() -> polls.hold(ended, Duration.ofSeconds(20)))).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aPollIsHeldForItsWaitAndNoLonger() {
        assertThat(timed(() -> polls.hold(ended, Duration.ofMillis(300))))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aHeldPollEndsWithTheEventAndAReleaseAnswersHeldAndLaterPollsAtOnce() throws Exception {
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> polls.hold(ended, Duration.ofSeconds(20)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !held.isDone());
        ended.countDown();
        held.get(5, TimeUnit.SECONDS);

        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Void> another = CompletableFuture.runAsync(() -> polls.hold(never, Duration.ofSeconds(20)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !another.isDone());
        polls.release();
        another.get(5, TimeUnit.SECONDS);
        assertThat(timed(() -> polls.hold(never, Duration.ofSeconds(20)))).isLessThan(Duration.ofSeconds(1));
    }
}
