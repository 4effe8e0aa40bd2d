package io.symbolon.cli.boot;

import io.symbolon.server.boot.PeerApproval;
import io.symbolon.server.boot.PeerIntroduction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Shows the peer's fingerprint and asks the operator to approve it (reading the answer from standard
 * input), or with {@code -f} prints it and accepts. The operator compares it with what the peer's own
 * boot printed as "this node's fingerprint".
 */
final class OperatorApproval implements PeerApproval {
    private final PrintWriter out;
    private final boolean force;

    OperatorApproval(PrintWriter out, boolean force) {
        this.out = out;
        this.force = force;
    }

    @Override
    public boolean approve(PeerIntroduction peer, String ownFingerprint) {
        out.println("This node's fingerprint: " + ownFingerprint);
        out.println("Peer " + peer.role().displayName() + " '" + peer.hostname() + "' (node " + peer.nodeId() + ")");
        out.println(
                "  certificate: " + peer.certificate().getSubjectX500Principal().getName());
        out.println("  fingerprint: " + peer.fingerprint());
        if (force) {
            out.println("Accepted without asking (-f).");
            out.flush();
            return true;
        }
        out.print("Does this fingerprint match the one the peer printed? Approve it [yes/no]: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            boolean approved =
                    answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
            out.println(approved ? "Approved." : "Not approved.");
            out.flush();
            return approved;
        } catch (IOException e) {
            return false;
        }
    }
}
