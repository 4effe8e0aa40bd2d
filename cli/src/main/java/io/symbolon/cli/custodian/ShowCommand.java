package io.symbolon.cli.custodian;

import io.symbolon.archive.custodian.CustodianSetCodec;
import io.symbolon.cli.options.InputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon custodian show FILE}: what a set file says, and its fingerprint. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Prints a custodian set file: its fingerprint (as archives record it), threshold and custodians.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The custodian set file.")
    Path file;

    @Override
    public Integer call() {
        InputFiles.require(file, "custodian set file");
        SetReport.print(CustodianSetCodec.load(file), spec.commandLine().getOut());
        return 0;
    }
}
