package io.symbolon.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Optional;

/** The process's own environment and console. */
final class SystemTerminal implements Terminal {

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(System.getenv(name));
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return Optional.empty();
        }
        // readPassword returns null at end of input (Ctrl-D): nothing was entered.
        char[] secret = console.readPassword("%s", prompt);
        return Optional.of(secret == null ? new char[0] : secret);
    }

    @Override
    public boolean interactive() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public PrintStream progress() {
        return System.err;
    }
}
