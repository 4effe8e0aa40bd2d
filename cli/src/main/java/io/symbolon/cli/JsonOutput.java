package io.symbolon.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/**
 * Writes a command's {@code --json} result: one indented JSON document on stdout, absent values left
 * out, nothing else on stdout (progress and warnings go to stderr).
 */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private JsonOutput() {}

    /** Prints {@code value} (records, lists, maps, strings and numbers) as JSON. */
    public static void print(PrintWriter out, Object value) {
        out.println(text(value));
        out.flush();
    }

    /** The JSON text of {@code value}. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
