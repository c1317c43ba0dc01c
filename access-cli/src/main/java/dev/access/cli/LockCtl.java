package dev.access.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code lockctl}: the command-line face of the library. Each invocation is its own process (or
 * {@link #run} call): it opens the store, does one thing, and closes it, so consecutive invocations
 * behave like a lock that restarts between keypad presses. Exit codes: see {@link ExitCodes}.
 */
@Command(name = "lockctl", mixinStandardHelpOptions = true, version = "lockctl 0.1.0",
        description = "Runs smart locks whose codes and access history are an event-sourced trail.",
        subcommands = {CommissionCommand.class, CodeCommands.class, EnterCommand.class, AdminCommands.Mode.class,
            DeviceCommands.Battery.class, DeviceCommands.Device.class, DeviceCommands.Firmware.class,
            AdminCommands.SetClock.class, AdminCommands.Reset.class, AdminCommands.ClearLockout.class,
            StatusCommand.class, DiagnoseCommand.class, EnrollCommand.class, ApplyCommand.class, AuditCommands.class,
            FleetCommands.class, OfflineCodeCommands.class, ForgetCommand.class,
            DemoCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done, or entry granted",
            "  1  internal error",
            "  2  usage or environment error: unknown command or option, malformed",
            "     or negative value, unusable data directory, key ring or database",
            "  3  entry denied (the attempt is recorded)",
            "  4  command rejected by the lock, or a PIN refused by its policy,",
            "     or (fleet) a lock not enrolled, or (apply) a batch the lock",
            "     refuses (WRONG_LOCK, STALE_BATCH, ...): nothing is recorded",
            "  5  audit verify: the export failed verification; fleet enroll and",
            "     fleet ingest: refused (signature, gap, fork): nothing is stored;",
            "     apply: the batch's signature or format does not verify",
            "%nGlobal options go before or after the command.",
            "--pin - and --master-pin - read the PIN from one line of standard input;",
            "--password - reads the database password the same way (before the PIN),",
            "or set it in the environment variable LOCKCTL_PASSWORD."})
public final class LockCtl implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    /** Runs lockctl with {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs lockctl with {@code args} on the current {@code System.in/out/err} and returns its exit
     * code.
     */
    public static int run(String... args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            CommandLine cl = new CommandLine(new LockCtl());
            cl.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
            cl.setParameterExceptionHandler(LockCtl::onParameterError);
            cl.setExecutionExceptionHandler((e, cmd, parsed) ->
                    Console.system(false).fail(commandName(cmd.getCommandSpec()), e));
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // An Error (or anything picocli let through): still one line, exit 1.
            return Console.system(false).fail("", e);
        }
    }

    /** Without a command: a usage error. */
    @Override
    public Integer call() {
        return Console.system(false).fail("", CliError.usage("missing command; see: lockctl --help"));
    }

    /** The global options of the invocation {@code spec} belongs to. */
    static GlobalOptions globals(CommandSpec spec) {
        return ((LockCtl) spec.root().userObject()).globals;
    }

    /** A command's name as typed, without {@code lockctl}: {@code code add}; empty for the root. */
    static String commandName(CommandSpec spec) {
        String q = spec.qualifiedName(" ");
        int space = q.indexOf(' ');
        return space < 0 ? "" : q.substring(space + 1);
    }

    /**
     * A command line picocli could not parse: one line on standard error, exit 2. An unmatched
     * argument is echoed only when it holds no digit (it might be a PIN typed in the wrong place).
     */
    private static int onParameterError(ParameterException ex, String[] args) {
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException) {
            List<String> unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            boolean hasSubcommands = !ex.getCommandLine().getSubcommands().isEmpty();
            if (first.startsWith("-") && first.length() > 1 && !first.matches("-[0-9].*")) {
                int eq = first.indexOf('=');
                String name = eq < 0 ? first : first.substring(0, eq);
                message = "unknown option " + shown(name);
            } else if (hasSubcommands) {
                message = "unknown command " + shown(first);
            } else {
                message = "unexpected argument " + shown(first);
            }
        }
        return new Console(System.out, System.err, false).fail(commandName(ex.getCommandLine().getCommandSpec()),
                CliError.usage(message));
    }

    private static String shown(String value) {
        if (value.chars().anyMatch(Character::isDigit)) {
            return "(not shown: it contains digits)";
        }
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'";
    }
}
