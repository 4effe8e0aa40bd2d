package io.symbolon.server.pair;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import java.io.IOException;

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

    /** The pair channel's TLS handshake failed: the peer at {@code where} is not the approved Partner. */
    public static SymbolonException handshakeRefused(String where) {
        return new SymbolonException(
                ErrorCode.PEER_REJECTED,
                "the pair channel to the Partner at " + where + " was refused in the TLS handshake: the peer there is"
                        + " not the Partner approved at boot, or it does not trust this EP");
    }
}
