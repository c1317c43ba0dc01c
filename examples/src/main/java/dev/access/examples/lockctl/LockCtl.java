package dev.access.examples.lockctl;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lockctl}: the command-line face of the library. Exit codes: 0 done, 2 usage error,
 * 1 internal error.
 */
@Command(name = "lockctl", mixinStandardHelpOptions = true, version = "lockctl 0.1.0",
        description = "Runs smart locks whose codes and access history are an event-sourced trail.",
        subcommands = {LockCtl.DemoCommand.class})
public final class LockCtl implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs lockctl with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs lockctl with {@code args} and returns its exit code. */
    public static int run(String... args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new CommandLine(new LockCtl()).execute(args);
    }

    /** Without a command: prints usage and fails as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** {@code lockctl demo}. */
    @Command(name = "demo", description = "Tells a scripted day in the life of a lock, in a fresh store.")
    static final class DemoCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            return new Demo(System.out).run();
        }
    }
}
