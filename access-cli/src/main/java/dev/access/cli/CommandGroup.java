package dev.access.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A command that only groups subcommands ({@code code}, {@code audit}): called alone it is a usage
 * error naming the subcommands, in the order they are declared.
 */
abstract class CommandGroup extends Subcommand {
    @Override
    public final Integer call() {
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        String last = names.remove(names.size() - 1);
        return Console.system(false).fail(commandName(),
                CliError.usage("missing subcommand: " + String.join(", ", names) + " or " + last));
    }
}
