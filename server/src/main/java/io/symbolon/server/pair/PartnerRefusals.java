package io.symbolon.server.pair;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import javax.net.ssl.SSLException;

/** What EP reports when the Partner answers a pair-channel request with an error, or the handshake fails. */
public final class PartnerRefusals {
    private PartnerRefusals() {}

    /**
     * The Partner's own error, with its stable code, when the body is one of its JSON errors; otherwise
     * {@code PEER_REJECTED} naming the HTTP status.
     */
    public static SymbolonException refusal(int status, byte[] body) {
        try {
            JsonNode error = Json.mapper().readTree(body).path("error");
            String code = error.path("code").asText("");
            for (ErrorCode known : ErrorCode.values()) {
                if (known.code().equals(code)) {
                    return new SymbolonException(
                            known,
                            "the Partner refused: " + error.path("message").asText(""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not an error body
        }
        return new SymbolonException(ErrorCode.PEER_REJECTED, "the Partner answered HTTP " + status);
    }

    /**
     * Whether {@code failure}, of a pair-channel request, is the TLS handshake refusing the peer: a TLS
     * failure in its causes, and not the connection lost under it (a Partner that dies while EP connects ends
     * the handshake with an end of stream or a reset, which says it is unavailable, not that it is a stranger).
     */
    public static boolean isHandshakeRefusal(Throwable failure) {
        boolean tls = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EOFException || cause instanceof SocketException) {
                return false;
            }
            tls |= cause instanceof SSLException;
        }
        return tls;
    }

    /** The pair channel's TLS handshake failed: the peer at {@code where} is not the approved Partner. */
    public static SymbolonException handshakeRefused(String where) {
        return new SymbolonException(
                ErrorCode.PEER_REJECTED,
                "the pair channel to the Partner at " + where + " was refused in the TLS handshake: the peer there is"
                        + " not the Partner approved at boot, or it does not trust this EP");
    }
}
