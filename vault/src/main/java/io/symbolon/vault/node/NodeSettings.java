package io.symbolon.vault.node;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.util.regex.Pattern;

/**
 * What a node knows about itself, fixed at boot except for the epoch and the refresh state: its role,
 * the pair it belongs to, its own id and the hostnames of both nodes.
 *
 * @param role EP or PARTNER
 * @param pairId the pair's id, the same on both nodes (16 lowercase hex digits)
 * @param nodeId this node's own id (16 lowercase hex digits)
 * @param selfHostname how this node is reached, e.g. {@code ep1}
 * @param peerHostname how the other node of the pair is reached
 * @param currentEpoch the epoch of this node's shares (all of them while the refresh is idle)
 * @param refresh the refresh under way, if any
 */
public record NodeSettings(
        Role role,
        String pairId,
        String nodeId,
        String selfHostname,
        String peerHostname,
        long currentEpoch,
        RefreshState refresh) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,255}");

    public NodeSettings {
        if (role == null || refresh == null) {
            throw new SymbolonException(ErrorCode.USAGE, "node settings need a role and a refresh state");
        }
        requireId("pair id", pairId);
        requireId("node id", nodeId);
        requireHostname("own hostname", selfHostname);
        requireHostname("peer hostname", peerHostname);
        if (currentEpoch < 0) {
            throw new SymbolonException(ErrorCode.USAGE, "the epoch cannot be negative: " + currentEpoch);
        }
        if (refresh.phase() == RefreshPhase.REWRITING && refresh.targetEpoch() != currentEpoch + 1) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "a refresh moves from epoch " + currentEpoch + " to " + (currentEpoch + 1) + ", not to "
                            + refresh.targetEpoch());
        }
    }

    public NodeSettings withCurrentEpoch(long epoch) {
        return new NodeSettings(role, pairId, nodeId, selfHostname, peerHostname, epoch, refresh);
    }

    public NodeSettings withRefresh(RefreshState state) {
        return new NodeSettings(role, pairId, nodeId, selfHostname, peerHostname, currentEpoch, state);
    }

    /** Ends a refresh: the node moves to the target epoch, idle. */
    public NodeSettings finishRefresh() {
        if (refresh.phase() != RefreshPhase.REWRITING) {
            throw new SymbolonException(ErrorCode.CONFLICT, "no refresh is under way");
        }
        return new NodeSettings(
                role, pairId, nodeId, selfHostname, peerHostname, refresh.targetEpoch(), RefreshState.IDLE);
    }

    private static void requireId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new SymbolonException(ErrorCode.USAGE, "the " + what + " must be 16 lowercase hex digits");
        }
    }

    private static void requireHostname(String what, String value) {
        if (value == null || !HOSTNAME.matcher(value).matches()) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "the " + what + " '" + value + "' is not a valid hostname or address");
        }
    }
}
