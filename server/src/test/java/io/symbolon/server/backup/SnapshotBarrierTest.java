package io.symbolon.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.http.HandlerType;
import io.symbolon.server.http.Route;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The barrier that makes EP's and the Partner's snapshots see the same objects. */
class SnapshotBarrierTest {
    private final SnapshotBarrier barrier = new SnapshotBarrier();

    @Test
    void guardsTheWritesOfTheClientApiAndNothingElse() {
        Route create = Route.post("/api/v1/partitions/{p}/objects", ctx -> {});
        Route delete = Route.delete("/api/v1/partitions/{p}/objects/{o}", ctx -> {});
        Route partition = Route.post("/api/v1/partitions", ctx -> {});
        Route export = Route.post("/api/v1/partitions/{p}/objects/{o}/export", ctx -> {});
        Route list = Route.get("/api/v1/partitions/{p}/objects", ctx -> {});

        List<Route> guarded = barrier.guard(List.of(create, delete, partition, export, list));

        assertThat(guarded)
                .extracting(Route::path)
                .containsExactly(create.path(), delete.path(), partition.path(), export.path(), list.path());
        assertThat(guarded)
                .extracting(Route::method)
                .containsExactly(
                        HandlerType.POST, HandlerType.DELETE, HandlerType.POST, HandlerType.POST, HandlerType.GET);
        assertThat(guarded.get(0).handler()).isNotSameAs(create.handler());
        assertThat(guarded.get(1).handler()).isNotSameAs(delete.handler());
        assertThat(guarded.get(2).handler()).isNotSameAs(partition.handler());
        assertThat(guarded.get(3).handler()).isSameAs(export.handler());
        assertThat(guarded.get(4).handler()).isSameAs(list.handler());
    }

    @Test
    void aPauseWaitsForOperationsInFlightAndHoldsNewOnesUntilItEnds() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(() -> barrier.during(() -> {
            inside.countDown();
            awaitLatch(release);
            return 1;
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        CompletableFuture<Void> backup = CompletableFuture.runAsync(() -> {
            try (SnapshotBarrier.Pause pause = barrier.pause()) {
                paused.countDown();
                awaitLatch(resume); // the snapshots open here
            }
        });
        assertThat(paused.await(300, TimeUnit.MILLISECONDS))
                .as("the backup waits for the operation in flight")
                .isFalse();
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> barrier.during(() -> 2));
        assertThat(later).as("new operations wait while the snapshots open").isNotDone();
        resume.countDown();
        backup.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(later::isDone);
        assertThat(later.get()).isEqualTo(2);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
