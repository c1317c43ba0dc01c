package dev.access.cli;

import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What an owner or administrator does: {@code mode}, {@code clock}, {@code reset}, {@code clear-lockout}. */
final class AdminCommands {
    private AdminCommands() {
    }

    /** {@code lockctl mode normal|vacation|privacy|no-remote|passage}. */
    @Command(name = "mode", description = "Change the operating mode.")
    static final class Mode extends StoreCommand {
        @Parameters(index = "0", paramLabel = "MODE", converter = Converters.ModeConverter.class,
                description = "normal, vacation, privacy, no-remote or passage.")
        OperatingMode mode;

        @picocli.CommandLine.Mixin
        ActorOption by;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().changeMode(lock, mode, by.local()));
        }
    }

    /** {@code lockctl clock --set INSTANT}. */
    @Command(name = "clock", description = "Set trusted time (the clock is trusted again after a rollback).")
    static final class SetClock extends StoreCommand {
        @Option(names = "--set", required = true, paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "The trusted time, ISO-8601 UTC.")
        Instant time;

        @picocli.CommandLine.Mixin
        ActorOption by;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            requireTrail(this, session);
            return console.done(commandName(), lock, session.access().setClock(lock, time, by.local()));
        }
    }

    /** {@code lockctl reset --factory}. */
    @Command(name = "reset", description = "Factory reset: erase every code and setting, destroy the old PIN key.")
    static final class Reset extends StoreCommand {
        @Option(names = "--factory", required = true, description = "Required: confirms the factory reset.")
        boolean factory;

        @picocli.CommandLine.Mixin
        ActorOption by;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            requireTrail(this, session);
            return console.done(commandName(), lock, session.access().factoryReset(lock, by.local()));
        }
    }

    /** {@code lockctl clear-lockout}. */
    @Command(name = "clear-lockout", description = "Clear a lockout or a disabled keypad (an administrator's action).")
    static final class ClearLockout extends StoreCommand {
        @picocli.CommandLine.Mixin
        ActorOption by;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().clearLockout(lock, by.local()));
        }
    }

    /**
     * The library lets a clock set or a reset start a trail of its own; lockctl refuses them for a
     * lock this store has never seen, so a mistyped id does not create a lock.
     */
    private static void requireTrail(StoreCommand command, StoreOpener.Session session) {
        if (session.access().state(command.lock).lockId() == null) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED,
                    "lock " + command.lock + " has no trail in this store (never commissioned)");
        }
    }
}
