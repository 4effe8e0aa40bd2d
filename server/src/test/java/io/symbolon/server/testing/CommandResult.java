package io.symbolon.server.testing;

/**
 * What a {@code symbolon} command run by the harness did.
 *
 * @param exitCode its exit code
 * @param output stdout and stderr, interleaved
 */
public record CommandResult(int exitCode, String output) {
    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + output;
    }
}
