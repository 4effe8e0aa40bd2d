package io.symbolon.server.http;

import io.symbolon.error.ErrorCode;

/**
 * The JSON of every error on both channels: {@code {"error": {"code": "…", "message": "…"}}}, the
 * code from {@link ErrorCode} (which also gives the HTTP status).
 *
 * @param error the error
 */
public record ErrorBody(Detail error) {
    /**
     * @param code the stable code, e.g. {@code unauthenticated}
     * @param message what happened and what to do next; never a secret
     */
    public record Detail(String code, String message) {}

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.code(), message));
    }
}
