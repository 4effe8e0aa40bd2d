package io.symbolon.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the client API and the pair channel: strict on reading (an unknown
 * field, a missing primitive or trailing garbage is an error that names the field), ISO-8601 dates.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {}

    /** The shared mapper; thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads a request body as {@code type}; malformed JSON is {@code USAGE} naming the field at fault. */
    public static <T> T read(InputStream body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new SymbolonException(ErrorCode.USAGE, "the request body is empty; send a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "unknown field '" + e.getPropertyName() + "'" + where(e) + "; known fields: "
                            + e.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            String field = path(e);
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    (field.isEmpty() ? "the request body" : "field '" + field + "'") + " is not valid"
                            + (secret(field) ? "" : ": " + firstLine(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new SymbolonException(
                    ErrorCode.USAGE,
                    "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SymbolonException(ErrorCode.IO, "cannot read the request body: " + e.getMessage());
        }
    }

    /** Writes {@code value} as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SymbolonException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Fields whose values are never repeated in a message. */
    private static boolean secret(String field) {
        String lower = field.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("password") || lower.contains("material") || lower.contains("share");
    }

    private static String where(JsonMappingException e) {
        String path = path(e);
        int last = path.lastIndexOf('.');
        return last < 0 ? "" : " in '" + path.substring(0, last) + "'";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        // Jackson quotes the offending text; keep messages short and free of long values.
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
