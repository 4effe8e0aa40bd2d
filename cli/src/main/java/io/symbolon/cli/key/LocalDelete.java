package io.symbolon.cli.key;

import io.symbolon.cli.JsonOutput;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.boot.DataDirectory;
import io.symbolon.server.boot.NodeConfig;
import io.symbolon.server.run.ServerControl;
import io.symbolon.vault.object.ObjectUid;
import io.symbolon.vault.storage.JdbcStorage;
import io.symbolon.vault.storage.StoredObject;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * {@code key delete UID --local}: removes one object's row from a stopped node's own database, whatever
 * its state, without asking the peer. The normal {@code key delete} goes through EP and removes a
 * partial key from whichever node holds it (seed 000's remedy); this one is for a node that cannot
 * reach its peer, and it is how a one-sided object is made on purpose (the quickstart shows a backup
 * finding it). No key is needed: a row is removed, nothing is unsealed.
 */
final class LocalDelete {
    private LocalDelete() {}

    static int run(DataDirectory directory, String uidText, PrintWriter out, boolean json) {
        if (!uidText.startsWith("0x")) {
            throw new SymbolonException(ErrorCode.USAGE, "--local deletes by uid (0x…), not by name");
        }
        ObjectUid uid = ObjectUid.parse(uidText);
        NodeConfig config = NodeConfig.read(directory.path());
        ServerControl.status(directory).ifPresent(pid -> {
            throw new SymbolonException(
                    ErrorCode.CONFLICT,
                    "the node in " + directory + " runs (pid " + pid + "); stop it first ('symbolon server stop"
                            + " --data-dir " + directory + "'), or delete through EP without --local");
        });
        try (JdbcStorage storage = JdbcStorage.open(config.storage(), Clock.systemUTC())) {
            StoredObject row = storage.find(uid)
                    .orElseThrow(() -> new SymbolonException(
                            ErrorCode.NOT_FOUND, "the " + config.role().displayName() + " has no object " + uid));
            storage.delete(uid);
            if (json) {
                JsonOutput.print(
                        out,
                        Map.of(
                                "uid",
                                uid.toString(),
                                "removedFrom",
                                config.role().displayName() + " only"));
            } else {
                out.println("Deleted " + uid + " ('" + row.object().name() + "', "
                        + row.object().type().label()
                        + ", partition " + row.object().partition() + ") from the "
                        + config.role().displayName()
                        + " '" + config.selfHostname() + "' only; its peer keeps its half.");
            }
            return 0;
        }
    }
}
