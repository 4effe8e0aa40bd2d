package io.symbolon.cli;

import java.io.PrintStream;
import java.util.Optional;

/**
 * What a command may ask of the world around it besides its arguments: environment variables, a
 * console to read a secret from without echo, and whether a progress bar can be drawn. Tests give a
 * scripted one; {@link SystemTerminal} is the real one.
 */
public interface Terminal {

    /** The value of an environment variable, if set. */
    Optional<String> variable(String name);

    /**
     * Asks for a secret on the console without echoing it; empty when there is no console to ask on.
     * The caller owns the returned array and wipes it.
     */
    Optional<char[]> readSecret(String prompt);

    /** Whether a progress display makes sense: the user is watching a terminal. */
    boolean interactive();

    /** Where progress bars are drawn, apart from the command's output (so JSON stays clean). */
    PrintStream progress();
}
