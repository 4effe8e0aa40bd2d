package io.symbolon.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A terminal for tests: set environment variables, answers typed at the console, or no console at all. */
public final class ScriptedTerminal implements Terminal {
    private final Map<String, String> variables = new HashMap<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private boolean console;
    private boolean watched;

    /** A terminal without a console. */
    public static ScriptedTerminal withoutConsole() {
        return new ScriptedTerminal();
    }

    /** A terminal whose console answers prompts with {@code answers}, in order. */
    public static ScriptedTerminal typing(String... answers) {
        ScriptedTerminal terminal = new ScriptedTerminal();
        terminal.console = true;
        terminal.answers.addAll(List.of(answers));
        return terminal;
    }

    /** A terminal someone is watching: progress is drawn, into {@link #progressDrawn()}. */
    public static ScriptedTerminal watched() {
        ScriptedTerminal terminal = new ScriptedTerminal();
        terminal.watched = true;
        return terminal;
    }

    /** What was drawn on the progress stream (stderr) so far. */
    public String progressDrawn() {
        return progress.toString(StandardCharsets.UTF_8);
    }

    public ScriptedTerminal variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** The prompts shown so far. */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    @Override
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        if (!console) {
            return Optional.empty();
        }
        prompts.add(prompt);
        if (answers.isEmpty()) {
            throw new AssertionError("unexpected prompt: " + prompt);
        }
        return Optional.of(answers.removeFirst().toCharArray());
    }

    @Override
    public boolean interactive() {
        return watched;
    }

    @Override
    public PrintStream progress() {
        return new PrintStream(progress, true);
    }
}
