package io.symbolon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code symbolon} in-process and captures what it printed. */
public final class Cli {
    private Cli() {}

    /** The exit code and the text printed on stdout and stderr. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static Result run(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(terminal, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs without a console and without environment variables. */
    public static Result run(String... args) {
        return run(ScriptedTerminal.withoutConsole(), args);
    }
}
