package io.symbolon.cli.options;

import io.symbolon.archive.age.Identity;
import java.util.ArrayList;
import java.util.List;

/**
 * The restore identities a command was given, held only for the command's run: closing wipes the
 * secrets of those that hold one (age X25519 keys, passphrases).
 */
public final class Identities implements AutoCloseable {
    private final List<Identity> identities = new ArrayList<>();

    void add(Identity identity) {
        identities.add(identity);
    }

    /** The identities, in the order they were given. */
    public List<Identity> list() {
        return List.copyOf(identities);
    }

    /** What they are, for messages: kind and public fingerprint of each; never a secret. */
    public List<String> descriptions() {
        return identities.stream().map(Identity::describe).toList();
    }

    @Override
    public void close() {
        for (Identity identity : identities) {
            if (identity instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // wiping cannot fail in a way the user could act on
                }
            }
        }
        identities.clear();
    }
}
