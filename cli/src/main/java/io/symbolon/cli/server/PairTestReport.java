package io.symbolon.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints {@code server test}'s report for people. */
final class PairTestReport {
    private PairTestReport() {}

    static void print(PrintWriter out, JsonNode report) {
        out.println("Pair " + report.path("pairId").asText());
        node(out, report.path("ep"));
        node(out, report.path("partner"));
        out.println("Objects compared: " + report.path("objectsChecked").asLong()
                + ", public keys checked against their two public shares: "
                + report.path("publicKeysChecked").asLong());
        long problems = report.path("problemCount").asLong();
        if (problems == 0 && report.path("ok").asBoolean(false)) {
            out.println("OK: the pair is up and consistent.");
        } else {
            out.println("FAILED: " + problems + " problem" + (problems == 1 ? "" : "s") + ":");
            for (JsonNode problem : report.path("problems")) {
                String uid = problem.path("uid").asText("");
                out.println("  "
                        + (uid.isEmpty()
                                ? ""
                                : uid + " '" + problem.path("name").asText() + "' ("
                                        + problem.path("type").asText() + ", partition "
                                        + problem.path("partition").asText() + "): ")
                        + problem.path("detail").asText());
            }
            if (problems > report.path("problems").size()) {
                out.println("  … and " + (problems - report.path("problems").size()) + " more");
            }
            out.println("A partial object (on one node only) is removed with 'symbolon key delete <uid>'.");
        }
        out.flush();
    }

    private static void node(PrintWriter out, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            out.println("  Partner: not reachable");
            return;
        }
        out.println("  " + node.path("role").asText() + " '"
                + node.path("hostname").asText() + "' node "
                + node.path("nodeId").asText() + ", epoch " + node.path("epoch").asLong() + ", "
                + node.path("objects").asLong() + " objects");
    }
}
