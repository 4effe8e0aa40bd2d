package io.symbolon.server.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.symbolon.server.access.Accounts;
import io.symbolon.server.backup.BackupHealth;
import io.symbolon.server.backup.BackupScheduler;
import io.symbolon.server.backup.BackupService;
import io.symbolon.server.http.Route;
import io.symbolon.vault.backup.BackupRun;
import io.symbolon.vault.backup.BackupState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /metrics} on EP's client API listener: the health of the backups (and the JVM's memory and
 * threads) in the Prometheus text format, through Micrometer's Prometheus registry.
 *
 * <pre>
 * symbolon_backup_last_success_timestamp_seconds   when the newest TEST_SUCCESS backup ended (0: never)
 * symbolon_backup_last_finished_timestamp_seconds  when the newest backup ended, whatever its outcome (0: never)
 * symbolon_backup_last_duration_seconds            how long the newest finished backup took
 * symbolon_backup_runs_total{state=…}              backups ended TEST_SUCCESS, TEST_FAILED or FAILED since EP started
 * symbolon_backup_running                          1 while a backup runs
 * symbolon_backup_scheduled_skipped_total          scheduled runs skipped (a backup was still running)
 * symbolon_backup_prune_failures_total             archives the retention could not remove
 * symbolon_backup_next_run_timestamp_seconds       when the schedule runs next (0: no schedule)
 * </pre>
 *
 * <p>It needs authentication, like every request to the node (DESIGN.md: never a request without it):
 * HTTP Basic as any user of any partition — the figures are not secret, and the login a monitoring system
 * keeps should be able to do nothing else, e.g. a user of a partition of its own that holds no object
 * (docs/OPERATIONS.md, "Health and alerting"). A login is remembered for a few minutes, so a scrape every
 * 15 s costs one password hash now and then.
 */
public final class MetricsApi {
    /** The Prometheus text format's content type. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Accounts accounts;
    private final PrometheusMeterRegistry registry;

    public MetricsApi(Accounts accounts, BackupService backups) {
        this.accounts = accounts;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        if (backups != null) {
            bind(backups);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }

    public List<Route> routes() {
        return List.of(Route.get("/metrics", this::scrape));
    }

    private void scrape(Context ctx) {
        BasicCredentials credentials = BasicCredentials.parse(ctx.header("Authorization"));
        accounts.authenticate(credentials.login(), credentials.password(), ctx.ip());
        ctx.status(200);
        ctx.contentType(CONTENT_TYPE);
        ctx.result(registry.scrape());
    }

    private void bind(BackupService backups) {
        BackupHealth health = backups.health();
        Gauge.builder("symbolon.backup.last.success.timestamp", health, h -> seconds(h.lastSuccess()))
                .baseUnit("seconds")
                .description("When the newest TEST_SUCCESS coordinated backup ended (Unix time; 0 if none)")
                .register(registry);
        Gauge.builder("symbolon.backup.last.finished.timestamp", health, h -> seconds(h.lastFinished()))
                .baseUnit("seconds")
                .description("When the newest coordinated backup ended, whatever its outcome (Unix time; 0 if none)")
                .register(registry);
        Gauge.builder(
                        "symbolon.backup.last.duration",
                        health,
                        h -> h.lastDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0))
                .baseUnit("seconds")
                .description("How long the newest finished coordinated backup took")
                .register(registry);
        Gauge.builder("symbolon.backup.running", backups, b -> b.running().isPresent() ? 1 : 0)
                .description("1 while a coordinated backup runs")
                .register(registry);
        for (BackupState state : BackupState.values()) {
            if (state.finished()) {
                FunctionCounter.builder(
                                "symbolon.backup.runs", health, h -> h.runs().getOrDefault(state, 0L))
                        .tag("state", state.name())
                        .description("Coordinated backups that ended in this state since EP started")
                        .register(registry);
            }
        }
        FunctionCounter.builder("symbolon.backup.scheduled.skipped", health, BackupHealth::skippedCount)
                .description("Scheduled backups skipped because a backup was still running")
                .register(registry);
        FunctionCounter.builder("symbolon.backup.prune.failures", health, BackupHealth::pruneFailures)
                .description("Archives the retention could not remove, on either node")
                .register(registry);
        Gauge.builder(
                        "symbolon.backup.next.run.timestamp",
                        backups,
                        b -> b.scheduler()
                                .flatMap(BackupScheduler::nextDue)
                                .map(instant -> instant.toEpochMilli() / 1000.0)
                                .orElse(0.0))
                .baseUnit("seconds")
                .description("When the schedule runs the next backup (Unix time; 0 without a schedule)")
                .register(registry);
    }

    private static double seconds(Optional<BackupRun> run) {
        return run.flatMap(BackupRun::finished)
                .map(Instant::toEpochMilli)
                .map(millis -> millis / 1000.0)
                .orElse(0.0);
    }
}
