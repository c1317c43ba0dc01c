package dev.access.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every lockctl subcommand has: picocli's model of it, {@code -h/--help}, its name as typed,
 * and one way to run: the global options checked, then {@link #run}; any failure becomes one line
 * on standard error and an exit code ({@link ExitCodes}), and {@link #cleanUp()} runs in any case.
 */
abstract class Subcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Override
    public Integer call() {
        GlobalOptions g = LockCtl.globals(spec);
        Console console = Console.system(g.json);
        try {
            g.check();
            return run(g, console);
        } catch (RuntimeException e) {
            return console.fail(commandName(), e);
        } finally {
            cleanUp();
        }
    }

    /** Does the command's work and prints its answer; returns the exit code. */
    abstract int run(GlobalOptions g, Console console);

    /** Runs after the command, whatever happened (e.g. wipes a PIN buffer). */
    void cleanUp() {
    }

    /** The command's name as typed, e.g. {@code code add}. */
    String commandName() {
        return LockCtl.commandName(spec);
    }
}
