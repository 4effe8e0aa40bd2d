package io.symbolon.server.backup;

import io.javalin.http.HandlerType;
import io.symbolon.server.http.Route;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes EP's and the Partner's snapshots agree. Every operation that changes what a backup holds — a
 * two-phase creation or deletion (committed on the Partner a moment before EP, or hidden on EP a
 * moment before the Partner), a partition created on one node then the other, the janitor settling
 * half-done operations — runs holding the barrier's shared side; a backup takes its exclusive side only
 * while both nodes open their read transactions. The backup waits for the operations in flight to
 * finish; clients wait, at most, for two snapshots to open (milliseconds), never for the backup itself.
 *
 * <p>Fair, so that a waiting backup is not starved by a stream of new operations. Only EP has one: the
 * Partner changes objects only on EP's requests.
 */
public final class SnapshotBarrier {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs one object-changing operation. */
    public <T> T during(Supplier<T> operation) {
        lock.readLock().lock();
        try {
            return operation.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Holds every operation off until the returned pause is closed (once both snapshots are open). */
    public Pause pause() {
        lock.writeLock().lock();
        return () -> lock.writeLock().unlock();
    }

    /** The exclusive side of the barrier, held by a backup while the snapshots open; closed by the thread that took it. */
    @FunctionalInterface
    public interface Pause extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The routes of the client API with every request that can change objects or partitions (POST and
     * DELETE, except the export of a secret, which reads) running inside the barrier.
     */
    public List<Route> guard(List<Route> routes) {
        return routes.stream().map(this::guard).toList();
    }

    private Route guard(Route route) {
        boolean changes = (route.method() == HandlerType.POST || route.method() == HandlerType.DELETE)
                && !route.path().endsWith("/export");
        if (!changes) {
            return route;
        }
        return new Route(route.method(), route.path(), ctx -> {
            lock.readLock().lock();
            try {
                route.handler().handle(ctx);
            } finally {
                lock.readLock().unlock();
            }
        });
    }
}
