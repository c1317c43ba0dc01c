package dev.access.cli;

import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineCodeCollisionException;
import dev.access.crypto.OfflineCodes;
import dev.access.crypto.OfflineIssuingKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that ask for an offline code ({@code --from}, {@code --until}, {@code --one-time},
 * {@code --daily}, {@code --variant}): a picocli mixin, with the checks every issuer makes before
 * issuing and the answer that prints the issued PIN. A refused request is a usage error (exit 2)
 * naming the value; no message holds a PIN or a key.
 */
final class OfflineCodeRequest {
    /** How far after now a window may start: the lock searches that far ahead when a PIN is revoked at it. */
    static final Duration MAX_LEAD = Duration.ofDays(366);

    @Option(names = "--from", required = true, paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            description = "The code opens from here on (rounded up to the offline-code grid).")
    Instant from;

    @Option(names = "--until", required = true, paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            description = "The code opens only before this instant (at most 366 days after --from).")
    Instant until;

    @Option(names = "--one-time", description = "The first entry consumes the code (not with --daily).")
    boolean oneTime;

    @Option(names = "--daily", paramLabel = "HH:MM-HH:MM", converter = Converters.HoursConverter.class,
            description = "Open only between these local hours each day, in the lock's zone (whole hours, within "
                    + "one day; 24:00 allowed as the end).")
    Converters.Hours daily;

    @Option(names = "--variant", paramLabel = "N",
            description = "Which of the codes for the same window: 0 to 3, or to 1 with --daily (default: the "
                    + "first whose PIN no other code shares during the window, usually 0).")
    Integer variant;

    /**
     * Checks the request against {@code now} (the invocation's time) before any key is read.
     *
     * @throws CliError (usage) naming the value: a window that does not end after it starts, is
     *     longer than 366 days, starts more than 366 days after now or ends by now; {@code
     *     --one-time} with {@code --daily}; daily hours that cross midnight or hold no whole hour; a
     *     variant out of range
     */
    void check(Instant now) {
        if (!until.isAfter(from)) {
            throw CliError.usage("--until " + until + " is not after --from " + from);
        }
        if (Duration.between(from, until).compareTo(OfflineCodes.MAX_REQUEST) > 0) {
            throw CliError.usage("--from " + from + " to --until " + until + " is longer than "
                    + OfflineCodes.MAX_REQUEST.toDays() + " days, an offline code's longest window");
        }
        if (from.isAfter(now.plus(MAX_LEAD))) {
            throw CliError.usage("--from " + from + " starts more than " + MAX_LEAD.toDays() + " days after now ("
                    + now + "); issue the code later");
        }
        if (!until.isAfter(now)) {
            throw CliError.usage("--until " + until + " is not after now (" + now + "): the code would never open");
        }
        if (daily != null) {
            String hours = "--daily " + Converters.hhmm(daily.from()) + "-" + Converters.hhmm(daily.until());
            if (oneTime) {
                throw CliError.usage("--one-time cannot go with " + hours + ": a daily code cannot be one-time "
                        + "(give a one-time code a plain window)");
            }
            boolean toMidnight = daily.until().equals(LocalTime.MAX) || daily.until().equals(LocalTime.MIDNIGHT);
            if (!toMidnight && daily.until().isBefore(daily.from())) {
                throw CliError.usage(hours + " crosses midnight: daily hours lie within one local day (give such a "
                        + "code a plain window)");
            }
            int firstHour = daily.from().getHour() + (daily.from().equals(LocalTime.of(daily.from().getHour(), 0))
                    ? 0 : 1);
            int endHour = toMidnight ? 24 : daily.until().getHour();
            if (endHour - firstHour < 1) {
                throw CliError.usage(hours + " holds no whole hour");
            }
        }
        int variants = OfflineCodes.variants(daily != null);
        if (variant != null && (variant < 0 || variant >= variants)) {
            throw CliError.usage("--variant " + variant + " is out of range: " + (daily == null ? "a plain" : "a daily")
                    + " code has variants 0 to " + (variants - 1));
        }
    }

    /**
     * Issues the code with {@code key} (call {@link #check} first): the longest window on the
     * offline-code grid inside the request.
     *
     * @throws CliError (usage) if the request holds no window on the grid, or the one it holds has
     *     ended by {@code now}
     */
    IssuedOfflineCode issue(OfflineIssuingKey key, Instant now) {
        IssuedOfflineCode code = null;
        int last = variant != null ? variant : OfflineCodes.variants(daily != null) - 1;
        for (int v = variant != null ? variant : 0; code == null; v++) {
            try {
                code = daily == null ? key.issuePlain(from, until, oneTime, v)
                        : key.issueDaily(from, until, daily.from(), daily.until(), v);
            } catch (OfflineCodeCollisionException e) {
                // Rare: another code shares this variant's PIN during the window; the next one is tried.
                if (v >= last) {
                    throw CliError.usage(e.getMessage() + (variant != null ? " (--variant " + variant + ")" : ""));
                }
            } catch (IllegalArgumentException e) {
                throw CliError.usage(e.getMessage());
            }
        }
        if (!code.until().isAfter(now)) {
            Instant realFrom = code.from();
            Instant realUntil = code.until();
            code.wipe();
            throw CliError.usage("the window on the offline-code grid inside --from " + from + " --until " + until
                    + " is " + realFrom + " to " + realUntil + ", which ends by now (" + now + "): ask for a later --until");
        }
        return code;
    }

    /**
     * Prints an issued code, the one answer that holds a PIN: with {@code --json}
     * {@code {"pin","lock","from","until","oneTime","codeId","daily","variant"}} (the window the PIN
     * really has), else the PIN alone on the first line and the code's id and window on the next. The
     * caller wipes the code.
     */
    void print(Console console, IssuedOfflineCode code, ZoneId zone) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lock", code.lockId());
        o.put("from", JsonOut.iso(code.from()));
        o.put("until", JsonOut.iso(code.until()));
        o.put("oneTime", code.validity().oneTime());
        o.put("codeId", code.codeId());
        o.put("daily", code.validity().dailyText());
        o.put("variant", code.validity().variant());
        StringBuilder text = new StringBuilder("offline code ").append(code.codeId()).append(" for lock ")
                .append(code.lockId()).append(": ").append(window(code.from(), code.until(), code.validity().oneTime(),
                        code.validity().dailyText(), zone));
        text.append(" (variant ").append(code.validity().variant()).append(')');
        if (!code.from().equals(from) || !code.until().equals(until)) {
            text.append("; asked for ").append(from).append(" to ").append(until)
                    .append(": the longest window on the offline-code grid inside it");
        }
        char[] pin = code.pin();
        try {
            console.printIssuedPin(pin, o, text.toString());
        } finally {
            Pins.wipe(pin);
        }
    }

    /**
     * An offline code's window as text: {@code valid FROM to UNTIL[, one-time][, daily HH:00-HH:00
     * [ZONE]]} ({@code zone} may be null).
     */
    static String window(Instant from, Instant until, boolean oneTime, String daily, ZoneId zone) {
        return "valid " + from + " to " + until + (oneTime ? ", one-time" : "")
                + (daily == null ? "" : ", daily " + daily + (zone == null ? "" : " " + zone.getId()));
    }
}
