package io.symbolon.cli.options;

import java.nio.file.Path;

/**
 * Where one secret may come from, as the user named it: an environment variable ({@code --NAME-env})
 * or a file ({@code --NAME-file}); with neither, the console is asked. Secrets are never plain
 * command-line arguments, which other users can read in the process list.
 *
 * @param description what the secret is, for prompts and messages, e.g. "password of keystore restore.jceks"
 * @param option the option stem, e.g. {@code --keystore-password}
 * @param variable the environment variable named by {@code <option>-env}, or null
 * @param file the file named by {@code <option>-file}, or null
 */
public record SecretSource(String description, String option, String variable, Path file) {

    /** Whether the user named a variable or a file for this secret. */
    public boolean given() {
        return variable != null || file != null;
    }
}
