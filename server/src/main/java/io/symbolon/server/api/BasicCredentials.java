package io.symbolon.server.api;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The credentials of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8): {@code login} is
 * {@code user@partition}; the password is a {@code char[]} the caller wipes. The decoded bytes are
 * wiped here.
 *
 * @param login e.g. {@code so@root}
 * @param password the password
 */
record BasicCredentials(String login, char[] password) {
    private static final String MISSING =
            "this request needs HTTP Basic authentication as user@partition (e.g. so@root)";

    static BasicCredentials parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new SymbolonException(ErrorCode.UNAUTHENTICATED, MISSING);
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.UNAUTHENTICATED, MISSING);
        }
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            int colon = -1;
            for (int i = 0; i < chars.remaining(); i++) {
                if (chars.get(i) == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= 0) {
                throw new SymbolonException(ErrorCode.UNAUTHENTICATED, MISSING);
            }
            String login = chars.subSequence(0, colon).toString();
            char[] password = new char[chars.remaining() - colon - 1];
            chars.position(colon + 1);
            chars.get(password);
            return new BasicCredentials(login, password);
        } catch (CharacterCodingException e) {
            throw new SymbolonException(ErrorCode.UNAUTHENTICATED, MISSING);
        } finally {
            Arrays.fill(decoded, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    @Override
    public String toString() {
        return "BasicCredentials[" + login + ", password redacted]";
    }
}
