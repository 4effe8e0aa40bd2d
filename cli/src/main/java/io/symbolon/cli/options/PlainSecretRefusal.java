package io.symbolon.cli.options;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Hidden options with the names people type out of habit ({@code --password}, keytool's
 * {@code -storepass}…): they refuse with a message that says how to give the secret instead, and never
 * repeat the value, which would otherwise appear in an "unknown option" error.
 */
public final class PlainSecretRefusal {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {
                "--password",
                "--keystore-password",
                "--key-password",
                "--store-password",
                "--restore-password",
                "--backup-password",
                "--countersign-password",
                "--recipient-keystore-password",
                "-storepass",
                "-keypass",
                "--storepass",
                "--keypass"
            },
            hidden = true,
            paramLabel = "SECRET")
    void refuse(String ignored) {
        throw new ParameterException(
                spec.commandLine(),
                "passwords are never given as command-line arguments (other users can read those); use the "
                        + "matching -env VARIABLE or -file FILE option, or let symbolon ask on the console");
    }
}
