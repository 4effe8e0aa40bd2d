package io.symbolon.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints a human report as aligned "label   value" lines, a value of several lines indented under it. */
public final class TextReport {
    private final PrintWriter out;
    private final int width;

    public TextReport(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    /** One labelled line. */
    public TextReport field(String label, String value) {
        out.println(label + " ".repeat(Math.max(1, width - label.length())) + value);
        return this;
    }

    /** One label with several values, one per line; {@code empty} when there are none. */
    public TextReport field(String label, List<String> values, String empty) {
        if (values.isEmpty()) {
            return field(label, empty);
        }
        field(label, values.getFirst());
        values.subList(1, values.size()).forEach(value -> out.println(" ".repeat(width) + value));
        return this;
    }

    /** An unlabelled line. */
    public TextReport line(String text) {
        out.println(text);
        return this;
    }
}
