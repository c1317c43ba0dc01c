package dev.access.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockctl demo}: the scripted story, in its own in-memory store (global options do not apply). */
@Command(name = "demo", description = "Tell a scripted day in the life of a lock, in a fresh in-memory store.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Override
    public Integer call() {
        return new Demo(System.out).run();
    }
}
