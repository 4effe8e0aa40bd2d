package io.symbolon.cli.custodian;

import io.symbolon.archive.age.Recipient;
import io.symbolon.archive.custodian.Custodian;
import io.symbolon.archive.custodian.CustodianSet;
import io.symbolon.archive.custodian.CustodianSetCodec;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.options.RecipientParser;
import io.symbolon.cli.options.RecipientSecretOptions;
import io.symbolon.cli.options.Secrets;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian define -o FILE --name NAME --threshold K --custodian NAME=KEY …}. */
@Command(
        name = "define",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a custodian set file: who the custodians are, the public key each one's component is"
                    + " encrypted to (or 'passphrase'), and how many must join to open an archive. It holds no"
                    + " secret. Give it to 'custodian rekey --add-set' or name it in a coordinated backup's settings.",
            "KEY: age1… | 'ssh-rsa AAAA…' | @FILE (one key) | keystore:PATH[#ALIAS] (one certificate) | passphrase."
        })
final class DefineCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            required = true,
            description = "The set file to write; it must not exist.")
    Path output;

    @Option(names = "--name", required = true, description = "The set's name, e.g. finance.")
    String name;

    @Option(
            names = "--threshold",
            paramLabel = "K",
            description = "How many custodians must join (2 to N); default all of them (XOR components).")
    Integer threshold;

    @Option(
            names = "--custodian",
            paramLabel = "NAME=KEY",
            required = true,
            description = "A custodian, in order (their number is their place); 2 to 16 of them.")
    List<String> custodians = new ArrayList<>();

    @Option(
            names = "--passphrase-work-factor",
            paramLabel = "N",
            defaultValue = "18",
            description = "log2 of scrypt's N for passphrase custodians, ${DEFAULT-VALUE} by default (14 to 22).")
    int workFactor;

    @Mixin
    RecipientSecretOptions recipientSecrets;

    DefineCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<Custodian> list = new ArrayList<>();
        try (RecipientParser parser = recipientSecrets.parser(new Secrets(terminal))) {
            for (String argument : custodians) {
                list.add(custodian(list.size() + 1, argument, parser));
            }
        }
        CustodianSet set;
        try {
            set = new CustodianSet(name, threshold == null ? list.size() : threshold, workFactor, list);
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, e.getMessage());
        }
        CustodianSetCodec.write(set, output);
        spec.commandLine().getOut().println("wrote " + output);
        SetReport.print(set, spec.commandLine().getOut());
        return 0;
    }

    private static Custodian custodian(int number, String argument, RecipientParser parser) {
        int equals = argument.indexOf('=');
        if (equals < 1) {
            throw new SymbolonException(
                    ErrorCode.USAGE, "--custodian takes NAME=KEY, e.g. alice=age1… or bob=passphrase");
        }
        String custodianName = argument.substring(0, equals);
        String key = argument.substring(equals + 1).strip();
        try {
            if (key.equals("passphrase")) {
                return Custodian.withPassphrase(number, custodianName);
            }
            List<Recipient> recipients = parser.parse(key);
            if (recipients.size() != 1) {
                throw new SymbolonException(
                        ErrorCode.USAGE,
                        "custodian " + custodianName + " stands for " + recipients.size()
                                + " keys; name exactly one (keystore:PATH#ALIAS)");
            }
            return Custodian.withKey(number, custodianName, recipients.getFirst());
        } catch (IllegalArgumentException e) {
            throw new SymbolonException(ErrorCode.USAGE, "custodian " + custodianName + ": " + e.getMessage());
        }
    }
}
