package io.symbolon.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands for picocli, handing the {@link Terminal} to those whose constructor takes one; all
 * else is created as picocli would.
 */
public final class TerminalFactory implements CommandLine.IFactory {
    private final Terminal terminal;

    /** On the process's own terminal; used by picocli's completion-script generator at build time. */
    public TerminalFactory() {
        this(new SystemTerminal());
    }

    TerminalFactory(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> constructor;
        try {
            constructor = type.getDeclaredConstructor(Terminal.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        constructor.setAccessible(true);
        return constructor.newInstance(terminal);
    }
}
