package io.symbolon.archive.age;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One recipient stanza of an age header (age.md, "Recipient stanza"): space-separated arguments, the
 * first of which is the stanza's type, and a binary body. The arguments are non-empty strings of
 * visible ASCII characters ({@code VCHAR}); the body is any bytes.
 */
public record Stanza(List<String> arguments, byte[] body) {

    public Stanza {
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("a stanza has at least one argument, its type");
        }
        for (String argument : arguments) {
            if (!isArgument(argument)) {
                throw new IllegalArgumentException("a stanza argument is a non-empty string of visible ASCII");
            }
        }
        body = body.clone();
    }

    /** A stanza of {@code type} with further arguments. */
    public static Stanza of(String type, List<String> furtherArguments, byte[] body) {
        return new Stanza(
                Stream.concat(Stream.of(type), furtherArguments.stream()).toList(), body);
    }

    /** The first argument, which names the recipient type (e.g. {@code X25519}). */
    public String type() {
        return arguments.getFirst();
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's length, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** Whether {@code text} is a valid argument: {@code 1*VCHAR} in the header's ABNF. */
    static boolean isArgument(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stanza that && arguments.equals(that.arguments) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arguments, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Stanza" + arguments + "[" + body.length + " byte body]";
    }
}
