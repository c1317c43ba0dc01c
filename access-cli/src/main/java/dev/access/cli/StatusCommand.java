package dev.access.cli;

import dev.access.crypto.FileKeyRing;
import dev.access.core.audit.Names;

import dev.access.core.domain.Credential;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockProfile;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutState;
import dev.access.core.domain.Rejection;
import dev.access.core.domain.WeekDaySchedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;

/**
 * {@code lockctl status}: what the lock's trail says now. Never a PIN or a digest. A lock this
 * store has no event for is refused as NOT_COMMISSIONED (exit 4); a lock that was factory reset
 * is shown, with {@code commissioned: false}. Read-only: it opens no key ring and records nothing.
 */
@Command(name = "status", description = "Show the lock's mode, keypad, clock, battery, firmware, backend, offline "
        + "codes and codes.")
final class StatusCommand extends StoreCommand {
    /** A code's status: whether it opens today, by the same precedence as the lock's denials. */
    static String codeStatus(Credential c, Instant now) {
        if (c.suspended()) {
            return "suspended";
        }
        if (c.isUsedUp()) {
            return "used-up";
        }
        Instant end = c.expiresAt();
        if (end != null && !now.isBefore(end)) {
            return "expired";
        }
        return "enabled";
    }

    @Override
    boolean usesKeyRing() {
        return false;
    }

    @Override
    int execute(StoreOpener.Session session, Console console) {
        LockState s = session.access().state(lock);
        if (s.lockId() == null) {
            throw new LockCommandRejected(Rejection.NOT_COMMISSIONED,
                    "lock " + lock + " is not commissioned (this store holds no event for it)");
        }
        int events = session.access().events(lock).size();
        // Status reads the store only: names are read with the personal-data keys beside the key
        // ring, opened read-only (the key ring itself is neither opened nor created).
        Names names = Names.of(FileKeyRing.readPersonalKeys(LockCtl.globals(spec).data.resolve(StoreOpener.KEY_RING_FILE))
                .liveKeys(lock.value()));
        Map<String, Object> facts = facts(s, session.now(), events, v -> names.reveal(lock, v),
                a -> names.describe(lock, a));
        if (console.json()) {
            console.printJson(facts);
        } else {
            console.printText(text(facts));
        }
        return ExitCodes.OK;
    }

    /** How many of the remembered offline codes' windows are still open at {@code now}. */
    private static int remembered(Map<String, Instant> untils, Instant now) {
        int n = 0;
        for (Instant until : untils.values()) {
            if (until.isAfter(now)) {
                n++;
            }
        }
        return n;
    }

    /** The status as JSON-ready facts; every key is always present (null when unknown). */
    static Map<String, Object> facts(LockState s, Instant at, int eventCount,
            java.util.function.Function<String, String> reveal,
            java.util.function.Function<dev.access.core.domain.Actor, String> describe) {
        Instant now = s.effectiveTime(at);
        LockProfile p = s.profile();
        LockoutState lo = s.lockout();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("lock", s.lockId().value());
        o.put("at", JsonOut.iso(at));
        o.put("commissioned", s.commissioned());
        o.put("model", p == null ? null : p.model());
        o.put("serial", p == null ? null : p.serial());
        o.put("firmware", p == null ? null : p.firmwareVersion());
        o.put("timeZone", p == null ? null : p.timeZone());
        o.put("minPinLength", p == null ? null : p.pinPolicy().minLength());
        o.put("maxPinLength", p == null ? null : p.pinPolicy().maxLength());
        o.put("wrongCodeLimit", p == null ? null : p.lockoutPolicy().wrongCodeEntryLimit());
        o.put("lockoutSeconds", p == null ? null : p.lockoutPolicy().lockoutDuration().toSeconds());
        o.put("mode", s.mode().name());
        o.put("modeSince", JsonOut.iso(s.modeSince()));
        o.put("modeSetBy", s.modeSetBy() == null || s.modeSetBy().startsWith("backend:") ? s.modeSetBy()
                : reveal.apply(s.modeSetBy()));
        boolean lockedOut = lo.isLockedOutAt(now);
        o.put("lockedOut", lockedOut);
        o.put("lockedOutUntil", lockedOut ? JsonOut.iso(lo.lockedOutUntil()) : null);
        o.put("keypadDisabled", lo.keypadDisabled());
        o.put("keypadDisabledAt", JsonOut.iso(lo.keypadDisabledAt()));
        o.put("consecutiveWrongCodes", lo.consecutiveFailures());
        o.put("clockTrusted", s.clockTrusted());
        o.put("clockFloor", JsonOut.iso(s.clockFloor()));
        o.put("batteryPercent", s.batteryPercent());
        o.put("batteryLevel", s.batteryPercent() == null ? null : s.batteryLevel().name());
        o.put("keyEpoch", s.keyEpoch());
        o.put("factoryResets", s.factoryResets());
        o.put("backend", s.backendKeyId());
        boolean offline = p != null && p.offlineCodes();
        o.put("offlineCodeLength", p == null ? null : p.offlineCodeLength());
        o.put("offlineKeyGeneration", offline ? s.offline().generation() : null);
        o.put("offlineRevoked", offline ? remembered(s.offline().revoked(), now) : null);
        o.put("offlineUsed", offline ? remembered(s.offline().used(), now) : null);
        List<Map<String, Object>> codes = new ArrayList<>();
        for (Credential c : s.credentials().all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slot", c.slot());
            m.put("type", c.type().name());
            m.put("name", reveal.apply(c.name()));
            m.put("addedBy", describe.apply(c.addedBy()));
            m.put("changedBy", describe.apply(c.changedBy()));
            m.put("status", codeStatus(c, now));
            m.put("uses", c.tracksUsage() ? c.uses() : null);
            m.put("maxUses", c.useLimit());
            m.put("validFrom", JsonOut.iso(c.rules().validFrom()));
            m.put("validUntil", JsonOut.iso(c.rules().validUntil()));
            m.put("expiresAt", JsonOut.iso(c.expiresAt()));
            m.put("expireAfterFirstUseSeconds",
                    c.rules().expireAfterFirstUse() == null ? null : c.rules().expireAfterFirstUse().toSeconds());
            List<Map<String, Object>> schedules = new ArrayList<>();
            for (WeekDaySchedule w : c.rules().schedules()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                List<String> days = new ArrayList<>();
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (w.days().contains(d)) {
                        days.add(d.name().substring(0, 3));
                    }
                }
                sm.put("days", days);
                sm.put("from", Converters.hhmm(w.from()));
                sm.put("until", Converters.hhmm(w.until()));
                schedules.add(sm);
            }
            m.put("schedules", schedules);
            codes.add(m);
        }
        o.put("codes", codes);
        o.put("events", eventCount);
        return o;
    }

    /** The same facts as text. */
    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> f) {
        StringBuilder b = new StringBuilder();
        b.append("lock ").append(f.get("lock")).append(": ");
        if (Boolean.TRUE.equals(f.get("commissioned"))) {
            b.append("commissioned (model ").append(f.get("model")).append(", serial ").append(f.get("serial"))
                    .append(", zone ").append(f.get("timeZone")).append(")\n");
        } else {
            b.append("not commissioned (factory reset ").append(f.get("factoryResets")).append(" time(s))\n");
        }
        b.append("firmware: ").append(f.get("firmware") == null ? "unknown" : f.get("firmware")).append('\n');
        b.append("mode: ").append(f.get("mode"));
        if (f.get("modeSince") != null) {
            b.append(" (since ").append(f.get("modeSince")).append(", by ").append(f.get("modeSetBy")).append(')');
        }
        b.append('\n');
        b.append("keypad: ");
        if (Boolean.TRUE.equals(f.get("keypadDisabled"))) {
            b.append("DISABLED since ").append(f.get("keypadDisabledAt"))
                    .append(" (daily wrong-code budget spent; clear-lockout or the master code re-enables it)");
        } else if (Boolean.TRUE.equals(f.get("lockedOut"))) {
            b.append("LOCKED OUT until ").append(f.get("lockedOutUntil"));
        } else {
            b.append("enabled");
        }
        b.append(" (").append(f.get("consecutiveWrongCodes")).append(" consecutive wrong code(s)");
        if (f.get("wrongCodeLimit") != null) {
            b.append(", limit ").append(f.get("wrongCodeLimit")).append(", lockout ")
                    .append(f.get("lockoutSeconds")).append(" s");
        }
        b.append(")\n");
        b.append("clock: ").append(Boolean.TRUE.equals(f.get("clockTrusted")) ? "trusted"
                : "UNTRUSTED after a rollback (set trusted time with: lockctl clock --set INSTANT)");
        if (f.get("clockFloor") != null) {
            b.append(" (latest event at ").append(f.get("clockFloor")).append(')');
        }
        b.append('\n');
        b.append("battery: ").append(f.get("batteryPercent") == null ? "not reported"
                : f.get("batteryPercent") + " % (" + f.get("batteryLevel") + ")").append('\n');
        b.append("backend: ").append(f.get("backend") == null ? "none" : f.get("backend")).append('\n');
        b.append("offline codes: ");
        if (f.get("offlineKeyGeneration") == null) {
            b.append("none");
        } else {
            b.append(f.get("offlineCodeLength")).append(" digits, issuing-key generation ")
                    .append(f.get("offlineKeyGeneration")).append(" (").append(f.get("offlineRevoked"))
                    .append(" revoked, ").append(f.get("offlineUsed"))
                    .append(" used one-time code(s) remembered until their windows end)");
        }
        b.append('\n');
        List<Map<String, Object>> codes = (List<Map<String, Object>>) f.get("codes");
        b.append("codes: ").append(codes.size()).append('\n');
        for (Map<String, Object> c : codes) {
            b.append(String.format(Locale.ROOT, "  slot %-5s %-19s %-9s %s", c.get("slot"), c.get("type"),
                    c.get("status"), c.get("name") == null ? "-" : c.get("name")));
            StringJoiner rules = new StringJoiner(", ", "  [", "]").setEmptyValue("");
            if (c.get("validFrom") != null) {
                rules.add("from " + c.get("validFrom"));
            }
            if (c.get("validUntil") != null) {
                rules.add("until " + c.get("validUntil"));
            }
            for (Map<String, Object> w : (List<Map<String, Object>>) c.get("schedules")) {
                rules.add(String.join(",", (List<String>) w.get("days")) + " " + w.get("from") + "-" + w.get("until"));
            }
            if (c.get("uses") != null) {
                rules.add("used " + c.get("uses") + (c.get("maxUses") == null ? "" : " of " + c.get("maxUses")));
            }
            if (c.get("expireAfterFirstUseSeconds") != null) {
                rules.add("expires " + c.get("expireAfterFirstUseSeconds") + " s after first use");
            }
            if (c.get("expiresAt") != null && !c.get("expiresAt").equals(c.get("validUntil"))) {
                rules.add("expires at " + c.get("expiresAt"));
            }
            b.append(rules);
            if (c.get("addedBy") != null) {
                b.append("  (added by ").append(c.get("addedBy"));
                if (c.get("changedBy") != null) {
                    b.append(", changed by ").append(c.get("changedBy"));
                }
                b.append(')');
            } else if (c.get("changedBy") != null) {
                b.append("  (changed by ").append(c.get("changedBy")).append(')');
            }
            b.append('\n');
        }
        b.append("trail: ").append(f.get("events")).append(" events, key epoch ").append(f.get("keyEpoch"));
        return b.toString();
    }
}
