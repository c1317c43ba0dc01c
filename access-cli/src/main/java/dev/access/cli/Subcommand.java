package dev.access.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every lockctl subcommand has: picocli's model of it, {@code -h/--help}, and its name as typed. */
abstract class Subcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    /** The command's name as typed, e.g. {@code code add}. */
    String commandName() {
        return LockCtl.commandName(spec);
    }
}
