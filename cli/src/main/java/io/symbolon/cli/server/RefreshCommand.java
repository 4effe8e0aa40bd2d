package io.symbolon.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.client.ApiClient;
import io.symbolon.cli.client.ApiOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code server refresh}: refresh every share of the pair now (seed 000's refresh, on demand). */
@Command(
        name = "refresh",
        description = "Refresh every share of the pair now: EP and the Partner re-randomise their shares together"
                + " and move to the next epoch; keys are unchanged. Waits until both nodes are there (so@root).")
final class RefreshCommand implements Callable<Integer> {
    private static final String PATH = "/api/v1/server/refresh";
    private static final Duration POLL = Duration.ofMillis(500);

    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions api;

    @Option(names = "--no-wait", description = "Start the refresh and return at once.")
    boolean noWait;

    @Option(names = "--status", description = "Only show where EP and the Partner stand.")
    boolean status;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    RefreshCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ApiClient client = api.client(terminal);
        if (status) {
            JsonNode now = client.get(PATH);
            if (json) {
                JsonOutput.print(out, now);
            } else {
                printStatus(out, now);
            }
            return now.path("converged").asBoolean() ? 0 : Main.DIFFERENCE_FOUND;
        }
        JsonNode started = client.post(PATH, Map.of());
        String id = started.path("id").asText();
        if (noWait) {
            if (json) {
                JsonOutput.print(out, started);
            } else {
                out.println("Refresh " + id + " started: epoch "
                        + started.path("fromEpoch").asLong() + " → "
                        + started.path("targetEpoch").asLong() + ". 'symbolon server refresh --status' shows it.");
            }
            return 0;
        }
        if (!json) {
            out.println("Refresh " + id + ": epoch " + started.path("fromEpoch").asLong() + " → "
                    + started.path("targetEpoch").asLong() + " …");
            out.flush();
        }
        while (true) {
            JsonNode now = client.get(PATH);
            JsonNode last = now.path("last");
            if (now.path("current").path("id").asText().isEmpty()
                    && last.path("id").asText().equals(id)) {
                if (json) {
                    JsonOutput.print(out, now);
                } else {
                    printEnd(out, last, now);
                }
                return last.path("state").asText().equals("COMPLETED") ? 0 : fail(last);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static int fail(JsonNode run) {
        throw new SymbolonException(
                ErrorCode.PEER_UNAVAILABLE,
                "the refresh did not complete: " + run.path("reason").asText());
    }

    private static void printEnd(PrintWriter out, JsonNode run, JsonNode now) {
        if (!run.path("state").asText().equals("COMPLETED")) {
            return;
        }
        Duration took = Duration.between(
                Instant.parse(run.path("started").asText()),
                Instant.parse(run.path("finished").asText()));
        out.println("Refreshed: EP and Partner are at epoch "
                + now.path("ep").path("epoch").asLong() + " ("
                + run.path("epRows").asLong() + " shares rewritten on EP, " + took.toMillis() / 1000.0 + " s).");
    }

    private static void printStatus(PrintWriter out, JsonNode now) {
        out.println("EP:      " + node(now.path("ep")));
        out.println("Partner: " + node(now.path("partner")));
        long interval = now.path("intervalSeconds").asLong();
        out.println("Schedule: " + (interval == 0 ? "on demand only" : "every " + interval + " s")
                + (now.hasNonNull("nextScheduled")
                        ? ", next at " + now.path("nextScheduled").asText()
                        : ""));
        if (now.hasNonNull("current")) {
            JsonNode run = now.path("current");
            out.println("Running: " + run.path("id").asText() + " ("
                    + run.path("trigger").asText() + ") to epoch "
                    + run.path("targetEpoch").asLong() + " since "
                    + run.path("started").asText());
        }
        if (now.hasNonNull("last")) {
            JsonNode run = now.path("last");
            out.println("Last:    " + run.path("id").asText() + " ("
                    + run.path("trigger").asText() + ") to epoch "
                    + run.path("targetEpoch").asLong() + ": "
                    + run.path("state").asText()
                    + (run.hasNonNull("reason") ? " — " + run.path("reason").asText() : ""));
        }
        out.println(
                now.path("converged").asBoolean() ? "Both nodes at one epoch." : "The pair is not at one epoch yet.");
    }

    private static String node(JsonNode node) {
        if (!node.path("reachable").asBoolean(true)) {
            return "unreachable (" + node.path("problem").asText() + ")";
        }
        return "epoch " + node.path("epoch").asLong() + ", "
                + node.path("phase").asText()
                + (node.hasNonNull("targetEpoch")
                        ? " to epoch " + node.path("targetEpoch").asLong() + " ("
                                + node.path("resealed").asLong() + " rows re-sealed)"
                        : "");
    }
}
