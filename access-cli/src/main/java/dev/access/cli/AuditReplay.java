package dev.access.cli;

import dev.access.core.audit.Attempt;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.ReplayView;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OfflineCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code audit replay FILE --until INSTANT [--from INSTANT] [--lock ID]}. */
@Command(name = "replay", description = "The lock as it stood at an instant, from the export alone: mode, "
        + "keypad, clock, battery, which codes could open and why the others could not; and the attempts up to it.")
final class AuditReplay extends AuditCommands.FileCommand {
    @Option(names = "--until", required = true, paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            description = "The instant to replay to (events stamped at or before it).")
    Instant until;

    @Option(names = "--from", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
            description = "List the attempts from this instant on (default: from the start of the trail).")
    Instant from;

    @Option(names = "--lock", paramLabel = "ID", converter = Converters.LockIdConverter.class,
            description = "The lock, if the export holds several.")
    LockId lock;

    @Override
    int execute(Console console) {
        if (from != null && from.isAfter(until)) {
            throw CliError.usage("--from " + from + " is after --until " + until);
        }
        LockHistory h = AuditFiles.history(file, lock == null ? null : lock.value());
        ReplayView v;
        try {
            v = Replay.at(h, until);
        } catch (IllegalArgumentException e) {
            // A pruned trail: --until before what its retention anchor holds.
            throw CliError.usage(e.getMessage());
        }
        Instant end = until.equals(Instant.MAX) ? until : until.plusNanos(1);
        List<Attempt> attempts = Replay.attempts(h, from == null ? Instant.MIN : from, end);
        if (console.json()) {
            console.printJson(json(v, from, attempts, h.problems().size()));
        } else {
            console.printText(text(v, from, attempts, h.problems().size()));
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> json(ReplayView v, Instant from, List<Attempt> attempts, int unreadable) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lock", v.lock());
        o.put("at", JsonOut.iso(v.at()));
        o.put("lastSequence", v.lastSequence());
        o.put("eventsReplayed", v.eventsApplied());
        o.put("unreadableLines", unreadable);
        o.put("commissioned", v.commissioned());
        o.put("model", v.model());
        o.put("serial", v.serial());
        o.put("firmware", v.firmware());
        o.put("timeZone", v.timeZone());
        o.put("mode", v.mode().name());
        o.put("modeSince", JsonOut.iso(v.modeSince()));
        o.put("modeSetBy", v.modeSetBy());
        o.put("lockedOut", v.lockedOutUntil() != null);
        o.put("lockedOutUntil", JsonOut.iso(v.lockedOutUntil()));
        o.put("keypadDisabled", v.keypadDisabled());
        o.put("keypadDisabledAt", JsonOut.iso(v.keypadDisabledAt()));
        o.put("consecutiveWrongCodes", v.consecutiveFailures());
        o.put("keypadBlockedBy", v.keypadBlockedBy() == null ? null : v.keypadBlockedBy().name());
        o.put("clockTrusted", v.clockTrusted());
        o.put("batteryPercent", v.batteryPercent());
        o.put("batteryLevel", v.batteryPercent() == null ? null : v.batteryLevel().name());
        o.put("backend", v.backendKeyId());
        List<Map<String, Object>> slots = new ArrayList<>();
        for (ReplayView.SlotView s : v.slots()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slot", s.slot());
            m.put("name", s.name());
            m.put("type", s.type().name());
            m.put("valid", s.valid());
            m.put("reason", s.reason() == null ? null : s.reason().name());
            m.put("opens", s.opens());
            m.put("outcomeReason", s.outcomeReason() == null ? null : s.outcomeReason().name());
            m.put("suspended", s.suspended());
            m.put("uses", s.uses());
            m.put("useLimit", s.useLimit());
            m.put("validFrom", JsonOut.iso(s.validFrom()));
            m.put("expiresAt", JsonOut.iso(s.expiresAt()));
            m.put("addedAt", JsonOut.iso(s.addedAt()));
            m.put("addedBy", s.addedBy());
            m.put("changedBy", s.changedBy());
            slots.add(m);
        }
        o.put("slots", slots);
        o.put("openingSlots", v.openingSlots());
        o.put("offline", offline(v.offline()));
        o.put("attemptsFrom", JsonOut.iso(from));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Attempt a : attempts) {
            list.add(attempt(a));
        }
        o.put("attempts", list);
        return o;
    }

    /** The lock's offline codes at the instant as JSON, or null if it took none. */
    static Map<String, Object> offline(ReplayView.OfflineView v) {
        if (v == null) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("codeLength", v.codeLength());
        o.put("generation", v.generation());
        o.put("revoked", instants(v.revoked()));
        o.put("used", instants(v.used()));
        List<Map<String, Object>> codes = new ArrayList<>();
        for (ReplayView.OfflineCodeView c : v.codes()) {
            Map<String, Object> m = offlineCode(c.code());
            m.put("valid", c.valid());
            m.put("reason", c.reason() == null ? null : c.reason().name());
            m.put("opens", c.opens());
            m.put("outcomeReason", c.outcomeReason() == null ? null : c.outcomeReason().name());
            m.put("lastSequence", c.lastSequence());
            codes.add(m);
        }
        o.put("codes", codes);
        return o;
    }

    private static Map<String, Object> instants(Map<String, Instant> m) {
        Map<String, Object> o = new LinkedHashMap<>();
        m.forEach((k, t) -> o.put(k, JsonOut.iso(t)));
        return o;
    }

    /** An offline code as JSON: id, from, until, oneTime, daily; null for none. */
    static Map<String, Object> offlineCode(OfflineCode c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("from", JsonOut.iso(c.from()));
        m.put("until", JsonOut.iso(c.until()));
        m.put("oneTime", c.oneTime());
        m.put("daily", c.daily());
        return m;
    }

    static Map<String, Object> attempt(Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", a.sequence());
        m.put("at", JsonOut.iso(a.at()));
        m.put("source", a.source() == null ? null : a.source().name());
        m.put("slot", a.slot());
        m.put("user", a.user());
        m.put("userType", a.userType() == null ? null : a.userType().name());
        m.put("outcome", a.outcome());
        m.put("reason", a.reason() == null ? null : a.reason().name());
        m.put("lockedOutUntil", JsonOut.iso(a.lockedOutUntil()));
        m.put("wrongCode", a.wrongCode());
        m.put("offlineCode", offlineCode(a.offlineCode()));
        return m;
    }

    static String text(ReplayView v, Instant from, List<Attempt> attempts, int unreadable) {
        StringBuilder b = new StringBuilder();
        b.append("lock ").append(v.lock()).append(" at ").append(v.at()).append(" (replayed ")
                .append(v.eventsApplied()).append(" events of the export")
                .append(v.lastSequence() < 0 ? "" : ", up to sequence " + v.lastSequence()).append(')');
        if (unreadable > 0) {
            b.append("\nwarning: ").append(unreadable).append(" line(s) of the export could not be read");
        }
        if (!v.commissioned()) {
            b.append("\nnot commissioned at that instant: no code opens");
        } else {
            b.append("\ncommissioned (model ").append(v.model()).append(", serial ").append(v.serial())
                    .append(", firmware ").append(v.firmware()).append(", zone ").append(v.timeZone()).append(')');
        }
        b.append("\nmode: ").append(v.mode());
        if (v.modeSince() != null) {
            b.append(" (since ").append(v.modeSince()).append(", by ").append(v.modeSetBy()).append(')');
        }
        b.append("\nkeypad: ");
        if (v.keypadDisabled()) {
            b.append("DISABLED since ").append(v.keypadDisabledAt());
        } else if (v.lockedOutUntil() != null) {
            b.append("LOCKED OUT until ").append(v.lockedOutUntil());
        } else {
            b.append("enabled");
        }
        b.append(" (").append(v.consecutiveFailures()).append(" consecutive wrong code(s))");
        if (v.keypadBlockedBy() != null) {
            b.append("; every keypad entry refused: ").append(v.keypadBlockedBy());
        }
        b.append("\nclock: ").append(v.clockTrusted() ? "trusted" : "UNTRUSTED after a rollback");
        b.append("\nbattery: ").append(v.batteryPercent() == null ? "not reported"
                : v.batteryPercent() + " % (" + v.batteryLevel() + ")");
        b.append("\nbackend: ").append(v.backendKeyId() == null ? "none" : v.backendKeyId());
        b.append("\ncodes at that instant (keypad): ").append(v.slots().size());
        for (ReplayView.SlotView s : v.slots()) {
            b.append(String.format(Locale.ROOT, "%n  slot %-5s %-19s %-16s ", s.slot(), s.type(),
                    s.name() == null ? "-" : s.name()));
            if (s.opens()) {
                b.append("valid, opens");
            } else if (s.valid()) {
                b.append("valid, but refused: ").append(s.outcomeReason());
            } else {
                b.append("not valid: ").append(s.reason());
            }
            if (s.addedBy() != null) {
                b.append("; added by ").append(s.addedBy());
            }
            if (s.changedBy() != null) {
                b.append(", last changed by ").append(s.changedBy());
            }
        }
        ReplayView.OfflineView off = v.offline();
        if (off != null) {
            b.append("\noffline codes: ").append(off.codeLength()).append(" digits, issuing-key generation ")
                    .append(off.generation()).append("; ").append(off.revoked().size()).append(" revoked and ")
                    .append(off.used().size()).append(" used one-time code(s) remembered; ").append(off.codes().size())
                    .append(" named by the trail");
            for (ReplayView.OfflineCodeView c : off.codes()) {
                b.append("\n  offline code ").append(c.code().id()).append(" (valid ").append(c.code().from())
                        .append(" to ").append(c.code().until())
                        .append(c.code().daily() == null ? "" : ", daily " + c.code().daily())
                        .append(c.code().oneTime() ? ", one-time" : "").append("): ");
                if (c.opens()) {
                    b.append("valid, opens");
                } else if (c.valid()) {
                    b.append("valid, but refused: ").append(c.outcomeReason());
                } else {
                    b.append("not valid: ").append(c.reason());
                }
            }
        }
        b.append("\nattempts ").append(from == null ? "up to " + v.at() : "from " + from + " to " + v.at())
                .append(": ").append(attempts.size());
        for (Attempt a : attempts) {
            b.append("\n  ").append(a.at()).append("  #").append(a.sequence()).append(' ').append(a.source())
                    .append(' ').append(a.outcome());
            if (a.reason() != null) {
                b.append(' ').append(a.reason());
            }
            if (a.slot() != null) {
                b.append(" slot ").append(a.slot()).append(a.user() == null ? "" : " (" + a.user() + ")");
            }
            if (a.offlineCode() != null) {
                b.append(' ').append(a.who());
            }
            if (a.lockedOutUntil() != null) {
                b.append(", locked out until ").append(a.lockedOutUntil());
            }
        }
        return b.toString();
    }
}
