package dev.access.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code code}, {@code audit}): called alone it is a usage
 * error naming the subcommands, in the order they are declared.
 */
abstract class CommandGroup implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Override
    public final Integer call() {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        String last = names.remove(names.size() - 1);
        return Console.system(false).fail(LockCtl.commandName(spec),
                CliError.usage("missing subcommand: " + String.join(", ", names) + " or " + last));
    }
}
