package dev.access.cli;

import dev.access.core.NewCode;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that describe a new code (type, validity, week-day schedule, use limits, name): one
 * picocli mixin for {@code code add} at the lock and {@code fleet code add} at the backend, so both
 * take the same options with the same meaning.
 */
final class CodeOptions {
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

    /**
     * The code these options describe, for {@code slot}.
     *
     * @throws CliError (usage) for a negative number, or {@code --days} without {@code --hours} (or
     *     the other way round)
     */
    NewCode code(int slot) {
        StoreCommand.requireNotNegative("--max-uses", maxUses);
        StoreCommand.requireNotNegative("--expire-after-first-use", expireAfterFirstUse);
        if ((days == null) != (hours == null)) {
            throw CliError.usage("--days and --hours make a week-day schedule: give both or neither");
        }
        List<WeekDaySchedule> schedules = days == null ? List.of()
                : List.of(new WeekDaySchedule(days.days(), hours.from(), hours.until()));
        CodeRules rules = new CodeRules(from, until, schedules, List.of(), maxUses,
                expireAfterFirstUse == null ? null : Duration.ofSeconds(expireAfterFirstUse));
        return NewCode.of(slot, type, name, rules);
    }
}
