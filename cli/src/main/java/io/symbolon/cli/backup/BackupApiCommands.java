package io.symbolon.cli.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.TextReport;
import io.symbolon.cli.client.ApiClient;
import io.symbolon.cli.client.ApiOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.backup.Intervals;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The coordinated backup of seed 000 from the command line, through EP's REST API as {@code so@root}:
 * {@code backup start [--wait]} ({@code POST /api/v1/backup}), {@code backup show ID}, {@code backup list}
 * and {@code backup status [--max-age]} (the health an operator alerts on). The same JSON as the API with
 * {@code --json}; exit codes a script can act on.
 */
final class BackupApiCommands {
    private static final int WIDTH = 16;

    private BackupApiCommands() {}

    /** {@code backup start}: one coordinated backup of both nodes; with {@code --wait}, its result. */
    @Command(
            name = "start",
            description = {
                "Start a coordinated backup of EP and the Partner (POST /api/v1/backup on EP, as so@root).",
                "With --wait, follow it to its end and exit 0 on TEST_SUCCESS, 1 on TEST_FAILED (the two halves"
                        + " differ), 65 on FAILED."
            })
    static final class Start implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--wait", description = "Wait for the backup to end and print its result.")
        boolean wait;

        @Option(names = "--json", description = "Print the API's JSON: the start's answer, or with --wait the result.")
        boolean json;

        @Option(
                names = {"-q", "--quiet"},
                description = "Print nothing but warnings (the exit code tells); no progress bar.")
        boolean quiet;

        Start(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ApiClient client = api.client(terminal);
            JsonNode started = client.post("/api/v1/backup", Map.of());
            String id = started.path("id").asText();
            if (!wait) {
                if (json) {
                    JsonOutput.print(out, started);
                } else if (!quiet) {
                    out.println("Backup " + id + " started ("
                            + started.path("state").asText() + "); follow it with 'symbolon backup show " + id
                            + "', or start with --wait.");
                }
                return 0;
            }
            JsonNode result = follow(client, id);
            if (json) {
                JsonOutput.print(out, result);
            } else {
                print(out, spec.commandLine().getErr(), result, quiet);
            }
            return exitCode(result);
        }

        private JsonNode follow(ApiClient client, String id) {
            ProgressBar bar = quiet || json || !terminal.interactive()
                    ? null
                    : new ProgressBarBuilder()
                            .setTaskName("backup " + id)
                            .setInitialMax(1)
                            .setUnit(" records", 1)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250)
                            .setConsumer(new ConsoleProgressBarConsumer(terminal.progress()))
                            .clearDisplayOnFinish()
                            .build();
            // EP holds each answer until the backup ends (a long poll): every second while a bar shows its
            // progress, else up to 30 s; the result comes as soon as the backup ends, without polling.
            String query = "/api/v1/backup/" + id + (bar == null ? "?wait=30s" : "?wait=1s");
            try {
                while (true) {
                    JsonNode result = client.get(query);
                    if (!"IN_PROGRESS".equals(result.path("state").asText())) {
                        return result;
                    }
                    if (bar != null) {
                        long done = 0;
                        long total = 0;
                        for (JsonNode node : result.path("progress")) {
                            done += node.path("recordsDone").asLong();
                            total += node.path("recordsTotal").asLong();
                        }
                        bar.maxHint(Math.max(total, 1));
                        bar.stepTo(Math.min(done, Math.max(total, 1)));
                    }
                }
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        }
    }

    /** {@code backup show ID}. */
    @Command(name = "show", description = "Show one coordinated backup: its state, file, and difference or reason.")
    static final class Show implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Parameters(
                paramLabel = "ID",
                description = "The backup's id (16 hex digits), as 'backup start' or 'list' print it.")
        String id;

        @Option(names = "--json", description = "Print the API's JSON (GET /api/v1/backup/ID).")
        boolean json;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            if (!id.matches("[0-9a-f]{16}")) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "a backup id is 16 lowercase hex digits, as 'symbolon backup list' prints them, not '" + id
                                + "'");
            }
            JsonNode result = api.client(terminal).get("/api/v1/backup/" + id);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, result);
            } else {
                print(out, spec.commandLine().getErr(), result, false);
            }
            return 0;
        }
    }

    /** {@code backup list}. */
    @Command(name = "list", description = "List EP's coordinated backups, newest first.")
    static final class ListBackups implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--limit", paramLabel = "N", description = "At most N backups (default: 100).")
        int limit = 100;

        @Option(names = "--json", description = "Print the API's JSON (GET /api/v1/backup).")
        boolean json;

        ListBackups(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new SymbolonException(ErrorCode.USAGE, "--limit takes a number of backups, 1 or more");
            }
            JsonNode answer = api.client(terminal).get("/api/v1/backup?limit=" + limit);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, answer);
                return 0;
            }
            if (answer.path("backups").isEmpty()) {
                out.println("No backups yet: start one with 'symbolon backup start'.");
                return 0;
            }
            out.println(String.format("%-16s  %-12s  %-20s  %s", "ID", "STATE", "DATE", "FILE"));
            for (JsonNode backup : answer.path("backups")) {
                out.println(String.format(
                        "%-16s  %-12s  %-20s  %s%s",
                        backup.path("id").asText(),
                        backup.path("state").asText(),
                        backup.path("date").asText(),
                        backup.path("file").asText(),
                        backup.has("pruned")
                                ? "  (pruned " + backup.path("pruned").asText() + ")"
                                : ""));
            }
            return 0;
        }
    }

    /** {@code backup status}: the health of the backups, and with {@code --max-age} a check of it. */
    @Command(
            name = "status",
            description = {
                "The health of EP's backups: the last TEST_SUCCESS, the schedule, the retention, recent runs.",
                "With --max-age, exit 1 when no backup succeeded within that time (for monitoring)."
            })
    static final class Status implements Callable<Integer> {
        private final Terminal terminal;

        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(
                names = "--max-age",
                paramLabel = "INTERVAL",
                description = "Exit 1 unless a backup ended TEST_SUCCESS within INTERVAL (e.g. 25h, 1d, 90m).")
        String maxAge;

        @Option(names = "--json", description = "Print the API's JSON (GET /api/v1/backup/status).")
        boolean json;

        Status(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Duration limit = maxAge == null
                    ? null
                    : Intervals.parse(maxAge)
                            .filter(interval -> !interval.isZero())
                            .orElseThrow(() -> new SymbolonException(
                                    ErrorCode.USAGE,
                                    "--max-age takes an interval such as 25h, 1d, 90m or 1h30m, not '" + maxAge + "'"));
            JsonNode status = api.client(terminal).get("/api/v1/backup/status");
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            if (json) {
                JsonOutput.print(out, status);
            } else {
                printStatus(out, status, now);
            }
            if (limit == null) {
                return 0;
            }
            JsonNode last = status.path("lastSuccess");
            Instant ended =
                    last.isMissingNode() ? null : instant(last.path("finished").asText());
            if (ended != null && !ended.isBefore(now.minus(limit))) {
                return 0;
            }
            spec.commandLine()
                    .getErr()
                    .println("symbolon: no backup ended TEST_SUCCESS in the last " + maxAge
                            + (ended == null
                                    ? " (none ever did)"
                                    : " (the newest ended " + ended + ", " + ago(ended, now) + " ago)"));
            return Main.DIFFERENCE_FOUND;
        }

        private static void printStatus(PrintWriter out, JsonNode status, Instant now) {
            TextReport report = new TextReport(out, WIDTH);
            JsonNode last = status.path("lastSuccess");
            if (last.isMissingNode()) {
                report.field("last success", "none");
            } else {
                Instant ended = instant(last.path("finished").asText());
                report.field(
                        "last success",
                        last.path("id").asText() + ", ended "
                                + last.path("finished").asText()
                                + (ended == null ? "" : " (" + ago(ended, now) + " ago)") + ", "
                                + last.path("file").asText());
            }
            report.field("running", status.path("running").asText("none"));
            report.field(
                    "schedule",
                    status.has("schedule")
                            ? status.path("schedule").asText() + ", next run "
                                    + status.path("nextRun").asText()
                            : "none (backups only on request)");
            report.field("retention", status.path("retention").asText("keep every backup"));
            List<String> counts = new ArrayList<>();
            status.path("runsSinceStart")
                    .properties()
                    .forEach(e -> counts.add(e.getKey() + " " + e.getValue().asLong()));
            report.field("since EP start", counts.isEmpty() ? "no backups" : String.join(", ", counts));
            List<String> recent = new ArrayList<>();
            for (JsonNode run : status.path("recent")) {
                recent.add(String.format(
                        "%s  %-12s  %s  %s",
                        run.path("id").asText(),
                        run.path("state").asText(),
                        run.path("finished").asText(run.path("started").asText()),
                        run.has("durationSeconds") ? run.path("durationSeconds").asLong() + " s" : "running"));
            }
            report.field("recent", recent, "none");
            for (JsonNode skip : status.path("skipped")) {
                report.field(
                        "skipped",
                        skip.path("due").asText() + ": " + skip.path("reason").asText());
            }
        }
    }

    /**
     * A result in words on {@code out}: every field of the seed, the difference of a TEST_FAILED one, the
     * reason of a FAILED one; warnings on {@code err}. {@code quiet}: only the warnings, and a FAILED
     * backup's reason on {@code err}.
     */
    static void print(PrintWriter out, PrintWriter err, JsonNode result, boolean quiet) {
        String state = result.path("state").asText();
        if (!quiet) {
            TextReport report = new TextReport(out, WIDTH);
            report.field("backup", result.path("id").asText())
                    .field("state", state)
                    .field("date", result.path("date").asText())
                    .field("file", result.path("file").asText());
            List<String> pair = new ArrayList<>();
            result.path("pairHostnames").forEach(name -> pair.add(name.asText()));
            report.field("pair", String.join(", ", pair))
                    .field("version", result.path("version").asText());
            for (Map.Entry<String, JsonNode> node : result.path("progress").properties()) {
                report.field(
                        "progress " + node.getKey(),
                        node.getValue().path("recordsDone").asLong() + " of "
                                + node.getValue().path("recordsTotal").asLong() + " records");
            }
            if (result.has("reason")) {
                report.field("reason", result.path("reason").asText());
            }
            for (JsonNode record : result.path("digestDiff").path("diffRecords")) {
                report.field("difference", record.path("sectionDiff").asText());
                for (JsonNode entry : record.path("entriesDiff")) {
                    report.line(" ".repeat(WIDTH) + entry.path("objectType").asText() + " "
                            + entry.path("uid").asText() + " \""
                            + entry.path("name").asText() + "\" (partition "
                            + entry.path("partitionName").asText() + ", version "
                            + entry.path("version").asText()
                            + "): " + entry.path("detail").asText());
                }
            }
            if (result.has("pruned")) {
                report.field("pruned", result.path("pruned").asText() + " (its archives were removed)");
            }
        }
        if (quiet && "FAILED".equals(state)) {
            err.println("symbolon: backup " + result.path("id").asText() + " FAILED: "
                    + result.path("reason").asText() + " [" + ErrorCode.BACKUP_FAILED.code() + "]");
        }
        for (JsonNode warning : result.path("warnings")) {
            err.println("symbolon: warning: " + warning.asText());
        }
        err.flush();
    }

    /** 0 for TEST_SUCCESS, 1 for TEST_FAILED (the halves differ), {@code backup-failed}'s code for FAILED. */
    static int exitCode(JsonNode result) {
        return switch (result.path("state").asText()) {
            case "TEST_SUCCESS" -> 0;
            case "TEST_FAILED" -> Main.DIFFERENCE_FOUND;
            default -> ErrorCode.BACKUP_FAILED.exitCode();
        };
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String ago(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return "0 min";
        }
        long hours = age.toHours();
        return hours >= 48
                ? age.toDays() + " d"
                : hours > 0 ? hours + " h " + age.toMinutesPart() + " min" : age.toMinutes() + " min";
    }
}
