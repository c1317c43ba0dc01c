package dev.access.cli;

import dev.access.core.NewCode;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockctl code add|change|suspend|resume|remove}: the lock's user codes. */
@Command(name = "code", description = "Add, change, suspend, resume or remove a user code.",
        subcommands = {CodeCommands.Add.class, CodeCommands.Change.class, CodeCommands.Suspend.class,
            CodeCommands.Resume.class, CodeCommands.Remove.class})
final class CodeCommands extends CommandGroup {
    /** A command on one slot. */
    abstract static class SlotCommand extends StoreCommand {
        @Option(names = "--slot", required = true, paramLabel = "N", description = "The slot (0 is the master code).")
        int slot;

        @Override
        void prepare() {
            requireNotNegative("--slot", slot);
        }
    }

    /** {@code code add}. */
    @Command(name = "add", description = "Add a user code to an empty slot (1-65535).")
    static final class Add extends SlotCommand {
        @Option(names = "--pin", required = true, paramLabel = "PIN",
                description = "The code's digits; '-' reads one line from standard input.")
        char[] pin;

        @Option(names = "--type", paramLabel = "TYPE", converter = Converters.UserTypeConverter.class,
                description = "unrestricted (default), disposable, expiring, forced, non-access, remote-only, "
                        + "week-day-schedule, year-day-schedule or schedule-restricted.")
        UserType type = UserType.UNRESTRICTED;

        @Option(names = "--from", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "Valid from this instant on.")
        Instant from;

        @Option(names = "--until", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "Valid only before this instant.")
        Instant until;

        @Option(names = "--days", paramLabel = "DAYS", converter = Converters.DaysConverter.class,
                description = "Week days of its schedule, e.g. MON,TUE or MON-FRI (with --hours).")
        Converters.Days days;

        @Option(names = "--hours", paramLabel = "HH:MM-HH:MM", converter = Converters.HoursConverter.class,
                description = "Local time range of its schedule, in the lock's zone (with --days).")
        Converters.Hours hours;

        @Option(names = "--max-uses", paramLabel = "N", description = "Grants after which it is used up.")
        Integer maxUses;

        @Option(names = "--expire-after-first-use", paramLabel = "SECONDS",
                description = "For expiring codes: how long it stays usable after its first use.")
        Integer expireAfterFirstUse;

        @Option(names = "--name", paramLabel = "TEXT", description = "A label (no personal data needed).")
        String name;

        private NewCode code;

        @Override
        void prepare() {
            super.prepare();
            requireNotNegative("--max-uses", maxUses);
            requireNotNegative("--expire-after-first-use", expireAfterFirstUse);
            if ((days == null) != (hours == null)) {
                throw CliError.usage("--days and --hours make a week-day schedule: give both or neither");
            }
            List<WeekDaySchedule> schedules = days == null ? List.of()
                    : List.of(new WeekDaySchedule(days.days(), hours.from(), hours.until()));
            CodeRules rules = new CodeRules(from, until, schedules, List.of(), maxUses,
                    expireAfterFirstUse == null ? null : Duration.ofSeconds(expireAfterFirstUse));
            code = NewCode.of(slot, type, name, rules);
            pin = Pins.resolve(pin, System.in);
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().addCode(lock, code, pin));
        }

        @Override
        void wipe() {
            Pins.wipe(pin);
        }
    }

    /** {@code code change}. */
    @Command(name = "change", description = "Replace the PIN of the code in a slot (slot 0: the master code).")
    static final class Change extends SlotCommand {
        @Option(names = "--pin", required = true, paramLabel = "PIN",
                description = "The new digits; '-' reads one line from standard input.")
        char[] pin;

        @Override
        void prepare() {
            super.prepare();
            pin = Pins.resolve(pin, System.in);
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().changeCode(lock, slot, pin));
        }

        @Override
        void wipe() {
            Pins.wipe(pin);
        }
    }

    /** {@code code suspend}. */
    @Command(name = "suspend", description = "Suspend the code in a slot: kept, but it does not open.")
    static final class Suspend extends SlotCommand {
        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().suspendCode(lock, slot));
        }
    }

    /** {@code code resume}. */
    @Command(name = "resume", description = "Resume a suspended code.")
    static final class Resume extends SlotCommand {
        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().resumeCode(lock, slot));
        }
    }

    /** {@code code remove}. */
    @Command(name = "remove", description = "Remove the code in a slot.")
    static final class Remove extends SlotCommand {
        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().removeCode(lock, slot));
        }
    }
}
