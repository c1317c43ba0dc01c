package dev.access.cli;

import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.crypto.LockIds;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for lockctl's value types. A value that does not convert is a usage error
 * (exit 2); the message names the value, which is never a PIN (PINs are taken as {@code char[]}).
 */
final class Converters {
    private Converters() {
    }

    /** Days of the week: {@code MON,TUE}, full names, or ranges such as {@code MON-FRI}. */
    record Days(Set<DayOfWeek> days) {
    }

    /** A local time range {@code HH:MM-HH:MM}; {@code 24:00} as the end means the end of the day. */
    record Hours(LocalTime from, LocalTime until) {
    }

    /** A lock id. */
    static final class LockIdConverter implements ITypeConverter<LockId> {
        @Override
        public LockId convert(String value) {
            if (!LockIds.isValid(value)) {
                throw new TypeConversionException("invalid lock id: use 1 to 64 characters from A-Z a-z 0-9 . _ : -");
            }
            return LockId.of(value);
        }
    }

    /** An ISO-8601 instant, in UTC ({@code Z}) or with an offset. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new TypeConversionException("'" + shorten(value)
                            + "' is not an ISO-8601 instant such as 2026-12-01T08:00:00Z");
                }
            }
        }
    }

    /** A user type for a new code: {@code unrestricted}, {@code non-access}, ... */
    static final class UserTypeConverter implements ITypeConverter<UserType> {
        /** The types a code may be added with (the master code is set by commissioning). */
        static final Set<UserType> ALLOWED = EnumSet.complementOf(EnumSet.of(UserType.PROGRAMMING));

        @Override
        public UserType convert(String value) {
            return kebab(UserType.class, ALLOWED, value);
        }
    }

    /** An operating mode: {@code normal}, {@code vacation}, {@code privacy}, {@code no-remote}, {@code passage}. */
    static final class ModeConverter implements ITypeConverter<OperatingMode> {
        @Override
        public OperatingMode convert(String value) {
            return kebab(OperatingMode.class, EnumSet.allOf(OperatingMode.class), value);
        }
    }

    /** A device event: {@code jammed}, {@code door-forced}, {@code tamper}, {@code restarted}. */
    static final class DeviceEventConverter implements ITypeConverter<DeviceEventKind> {
        @Override
        public DeviceEventKind convert(String value) {
            return kebab(DeviceEventKind.class, EnumSet.allOf(DeviceEventKind.class), value);
        }
    }

    /** An entry source: {@code keypad} or {@code remote}. */
    static final class SourceConverter implements ITypeConverter<EntrySource> {
        @Override
        public EntrySource convert(String value) {
            return kebab(EntrySource.class, EnumSet.of(EntrySource.KEYPAD, EntrySource.REMOTE), value);
        }
    }

    /** Days of the week. */
    static final class DaysConverter implements ITypeConverter<Days> {
        @Override
        public Days convert(String value) {
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String item : value.split(",", -1)) {
                String[] range = item.strip().split("-", -1);
                if (range.length == 1) {
                    days.add(day(range[0], value));
                } else if (range.length == 2) {
                    DayOfWeek from = day(range[0], value);
                    DayOfWeek to = day(range[1], value);
                    for (DayOfWeek d = from; ; d = d.plus(1)) {
                        days.add(d);
                        if (d == to) {
                            break;
                        }
                    }
                } else {
                    throw badDays(value);
                }
            }
            return new Days(days);
        }

        private static DayOfWeek day(String text, String whole) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            for (DayOfWeek d : DayOfWeek.values()) {
                if (t.length() >= 3 && d.name().startsWith(t) && (t.length() == 3 || t.equals(d.name()))) {
                    return d;
                }
            }
            throw badDays(whole);
        }

        private static TypeConversionException badDays(String value) {
            return new TypeConversionException("'" + shorten(value)
                    + "' is not a list of days such as MON,TUE,WED or MON-FRI");
        }
    }

    /** A time range {@code HH:MM-HH:MM}. */
    static final class HoursConverter implements ITypeConverter<Hours> {
        private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

        @Override
        public Hours convert(String value) {
            String[] parts = value.strip().split("-", -1);
            if (parts.length != 2) {
                throw badHours(value);
            }
            LocalTime from = time(parts[0], value, false);
            LocalTime until = time(parts[1], value, true);
            return new Hours(from, until);
        }

        private static LocalTime time(String text, String whole, boolean end) {
            String t = text.strip();
            if (end && t.equals("24:00")) {
                return LocalTime.MAX;
            }
            try {
                return LocalTime.parse(t, HH_MM);
            } catch (DateTimeException e) {
                throw badHours(whole);
            }
        }

        private static TypeConversionException badHours(String value) {
            return new TypeConversionException("'" + shorten(value)
                    + "' is not a time range such as 09:00-17:30 (HH:MM-HH:MM, 24:00 allowed as the end)");
        }
    }

    /** {@code NO_REMOTE} as {@code no-remote}. */
    static String kebab(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code 09:00}; the end of the day as {@code 24:00}. */
    static String hhmm(LocalTime t) {
        return t.equals(LocalTime.MAX) ? "24:00" : t.format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    /** The constant of {@code allowed} named {@code value} in kebab or Java case; else a conversion error listing them. */
    static <E extends Enum<E>> E kebab(Class<E> type, Set<E> allowed, String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        StringJoiner names = new StringJoiner(", ");
        for (E e : allowed) {
            if (e.name().equals(wanted)) {
                return e;
            }
            names.add(kebab(e));
        }
        throw new TypeConversionException("'" + shorten(value) + "' is not one of " + names);
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
