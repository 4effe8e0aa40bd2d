package io.symbolon.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the secrets that some recipients need come from (see {@link RecipientParser}). */
public final class RecipientSecretOptions {
    @Option(
            names = "--recipient-keystore-password-env",
            paramLabel = "VARIABLE",
            description = "Read the store password of keystore: recipients from this environment variable.")
    String keystorePasswordVariable;

    @Option(
            names = "--recipient-keystore-password-file",
            paramLabel = "FILE",
            description = "Read the store password of keystore: recipients from this file.")
    Path keystorePasswordFile;

    @Option(
            names = "--new-passphrase-env",
            paramLabel = "VARIABLE",
            description = "Read the passphrase of a 'passphrase' recipient from this environment variable.")
    String passphraseVariable;

    @Option(
            names = "--new-passphrase-file",
            paramLabel = "FILE",
            description = "Read the passphrase of a 'passphrase' recipient from this file.")
    Path passphraseFile;

    /** A parser that takes its secrets from these options, or else from the console. */
    public RecipientParser parser(Secrets secrets) {
        return new RecipientParser(
                secrets,
                new SecretSource(
                        "password of the recipient keystore",
                        "--recipient-keystore-password",
                        keystorePasswordVariable,
                        keystorePasswordFile),
                new SecretSource("passphrase for the archive", "--new-passphrase", passphraseVariable, passphraseFile));
    }
}
