package dev.access.core.audit;

import dev.access.core.domain.DenialReason;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.AlarmRaised;
import dev.access.core.domain.LockEvent.AllOfflineCodesRevoked;
import dev.access.core.domain.LockEvent.BatteryReported;
import dev.access.core.domain.LockEvent.ClockFaultDetected;
import dev.access.core.domain.LockEvent.ClockRollbackDetected;
import dev.access.core.domain.LockEvent.ClockSet;
import dev.access.core.domain.LockEvent.CodeAdded;
import dev.access.core.domain.LockEvent.CodeChanged;
import dev.access.core.domain.LockEvent.CodeRemoved;
import dev.access.core.domain.LockEvent.CodeResumed;
import dev.access.core.domain.LockEvent.CodeSuspended;
import dev.access.core.domain.LockEvent.DeviceEventReported;
import dev.access.core.domain.LockEvent.FactoryResetPerformed;
import dev.access.core.domain.LockEvent.FirmwareUpdated;
import dev.access.core.domain.LockEvent.KeypadDisabled;
import dev.access.core.domain.LockEvent.LockCommissioned;
import dev.access.core.domain.LockEvent.LockEnrolled;
import dev.access.core.domain.LockEvent.LockoutCleared;
import dev.access.core.domain.LockEvent.LockoutStarted;
import dev.access.core.domain.LockEvent.ModeChanged;
import dev.access.core.domain.LockEvent.OfflineCodeRevoked;
import dev.access.core.domain.LockEvent.OfflineKeyExported;
import dev.access.core.domain.LockEvent.SubjectErased;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a lock's trail as ONE self-contained HTML page, readable offline: attempts, denials by
 * reason, lockouts, mode changes, resets, device events, offline codes (issuing-key exports and
 * hand-overs, revocations, revoke-all), erasures of people and battery over time (an inline SVG
 * chart); each administrative row says who did it ("by alice via local"). Inline CSS only: no
 * script, font, image or stylesheet is loaded from anywhere.
 *
 * <p>Guarantees: every text taken from the trail (names, actors, versions, model, lock id) is
 * HTML-escaped, so a trail cannot inject markup or script; no PIN, digest or commitment is written
 * (an offline code appears by its public id and window); no sealed name is written: names and
 * actors read as the history's {@link Names} reveal them ("(erased)" for an erased person), and an
 * erasure names no one.
 */
public final class HtmlTimeline {
    /** The attempts listed at most (the latest); counts always cover every attempt. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5_000;

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em;color:#222;background:#fff}",
            "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}",
            "table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left}",
            "th{background:#f4f4f4}.granted{color:#186a1a}.denied{color:#a11}.note{color:#666;font-size:.9em}",
            ".bar{display:inline-block;height:.9em;background:#c44;vertical-align:middle}",
            ".cards span{display:inline-block;border:1px solid #ddd;border-radius:4px;padding:.4em .8em;margin:.2em}",
            "svg{border:1px solid #ddd;background:#fafafa}");

    private HtmlTimeline() {
    }

    /** Writes the whole history, listing at most {@link #DEFAULT_MAX_ATTEMPTS} attempts. */
    public static void write(LockHistory history, Writer out) {
        write(history, DEFAULT_MAX_ATTEMPTS, out);
    }

    /** Writes the whole history, listing at most {@code maxAttempts} attempts (the latest). */
    public static void write(LockHistory history, int maxAttempts, Writer out) {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0, was " + maxAttempts);
        }
        try {
            new Page(history, maxAttempts, out).write();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTML-escapes text for element content and quoted attribute values; null becomes "". */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default:
                    if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                        sb.append("&#").append((int) c).append(';');
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }

    private static final class Page {
        private final LockHistory h;
        private final int maxAttempts;
        private final Writer out;
        private final ZoneId zone;
        private final DateTimeFormatter fmt;

        Page(LockHistory h, int maxAttempts, Writer out) {
            this.h = h;
            this.maxAttempts = maxAttempts;
            this.out = out;
            ZoneId z = ZoneId.of("UTC");
            if (h.initialState().profile() != null) {
                try {
                    z = ZoneId.of(h.initialState().profile().timeZone());
                } catch (RuntimeException ex) {
                    z = ZoneId.of("UTC");
                }
            }
            for (SequencedEvent e : h.events()) {
                if (e.event() instanceof LockCommissioned) {
                    try {
                        z = ZoneId.of(((LockCommissioned) e.event()).timeZone());
                    } catch (RuntimeException ex) {
                        z = ZoneId.of("UTC");
                    }
                }
            }
            this.zone = z;
            this.fmt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(z);
        }

        void write() throws IOException {
            List<Attempt> attempts = Replay.attempts(h);
            w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Trail of lock ");
            t(h.lock());
            w("</title>\n<style>\n" + CSS + "\n</style>\n</head>\n<body>\n<h1>Trail of lock ");
            t(h.lock());
            w("</h1>\n");
            header(attempts);
            denials(attempts);
            lockouts();
            modes();
            resets();
            battery();
            device();
            codes();
            erasures();
            offlineCodes(attempts);
            attemptsTable(attempts);
            w("</body>\n</html>\n");
        }

        private void header(List<Attempt> attempts) throws IOException {
            LockCommissioned c = null;
            String firmware = null;
            for (SequencedEvent e : h.events()) {
                if (e.event() instanceof LockCommissioned) {
                    c = (LockCommissioned) e.event();
                    firmware = c.firmwareVersion();
                } else if (e.event() instanceof FirmwareUpdated) {
                    firmware = ((FirmwareUpdated) e.event()).to();
                }
            }
            w("<p>");
            if (c == null && h.initialState().profile() != null) {
                w("Model <b>");
                t(h.initialState().profile().model());
                w("</b>, serial <b>");
                t(h.initialState().profile().serial());
                w("</b>, firmware <b>");
                t(firmware != null ? firmware : h.initialState().profile().firmwareVersion());
                w("</b>. ");
            }
            if (c != null) {
                w("Model <b>");
                t(c.model());
                w("</b>, serial <b>");
                t(c.serial());
                w("</b>, firmware <b>");
                t(firmware);
                w("</b>. ");
            }
            w("Times are in the lock's zone, <b>");
            t(zone.getId());
            w("</b>.");
            if (!h.events().isEmpty()) {
                w(" Events ");
                t(time(h.events().get(0).event().at()));
                w(" to ");
                t(time(h.events().get(h.events().size() - 1).event().at()));
                w(" (sequence " + h.events().get(0).sequence() + " to "
                        + h.events().get(h.events().size() - 1).sequence() + ").");
            }
            w("</p>\n");
            if (h.anchor() != null) {
                w("<p class=\"note\">The trail was pruned: it starts at a signed retention anchor (sequence "
                        + h.anchor().sequence() + ", signed ");
                t(time(h.anchor().at()));
                w(") holding the lock's state through ");
                t(h.anchor().through() == null ? "its cut" : time(h.anchor().through()));
                w("; the events before it are gone, and what is shown here starts after it.</p>\n");
            }
            if (!h.problems().isEmpty()) {
                w("<p class=\"denied\">" + h.problems().size() + " line(s) of the trail could not be read.</p>\n");
            }
            long granted = attempts.stream().filter(Attempt::granted).count();
            long denied = attempts.stream().filter(a -> a.reason() != null).count();
            w("<div class=\"cards\"><span>Attempts: <b>" + attempts.size() + "</b></span><span class=\"granted\">Granted: <b>"
                    + granted + "</b></span><span class=\"denied\">Denied: <b>" + denied
                    + "</b></span><span>Lockouts: <b>" + count(LockoutStarted.class) + "</b></span><span>Factory resets: <b>"
                    + count(FactoryResetPerformed.class) + "</b></span></div>\n");
        }

        private void denials(List<Attempt> attempts) throws IOException {
            Map<DenialReason, Integer> counts = new EnumMap<>(DenialReason.class);
            for (Attempt a : attempts) {
                if (!a.granted() && a.reason() != null) {
                    counts.merge(a.reason(), 1, Integer::sum);
                }
            }
            w("<h2>Denials by reason</h2>\n");
            if (counts.isEmpty()) {
                w("<p class=\"note\">No denied attempt.</p>\n");
                return;
            }
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
            w("<table><tr><th>Reason</th><th>Count</th><th></th></tr>\n");
            for (Map.Entry<DenialReason, Integer> e : counts.entrySet()) {
                int width = Math.max(1, e.getValue() * 300 / max);
                w("<tr><td>" + e.getKey().name() + "</td><td>" + e.getValue() + "</td><td><span class=\"bar\" style=\"width:"
                        + width + "px\"></span></td></tr>\n");
            }
            w("</table>\n");
        }

        private void lockouts() throws IOException {
            w("<h2>Lockouts</h2>\n");
            List<String[]> rows = new ArrayList<>();
            for (SequencedEvent se : h.events()) {
                LockEvent e = se.event();
                if (e instanceof LockoutStarted) {
                    LockoutStarted l = (LockoutStarted) e;
                    rows.add(row(se, "lockout started", "after " + l.failures() + " wrong codes, level " + l.level()
                            + ", until " + time(l.until())));
                } else if (e instanceof KeypadDisabled) {
                    rows.add(row(se, "keypad disabled", ((KeypadDisabled) e).failuresInLastDay()
                            + " wrong codes within 24 hours"));
                } else if (e instanceof LockoutCleared) {
                    String who = who(se);
                    rows.add(row(se, "lockout cleared", who == null ? "" : "by " + who));
                }
            }
            table(rows, "No lockout.");
        }

        private void modes() throws IOException {
            w("<h2>Mode changes</h2>\n");
            List<String[]> rows = new ArrayList<>();
            for (SequencedEvent se : h.events()) {
                if (se.event() instanceof ModeChanged) {
                    ModeChanged m = (ModeChanged) se.event();
                    String who = who(se);
                    rows.add(row(se, m.from() + " to " + m.to(), who == null ? "" : "by " + who));
                }
            }
            table(rows, "No mode change.");
        }

        private void resets() throws IOException {
            w("<h2>Commissioning, enrollment and resets</h2>\n");
            List<String[]> rows = new ArrayList<>();
            for (SequencedEvent se : h.events()) {
                LockEvent e = se.event();
                if (e instanceof LockCommissioned) {
                    LockCommissioned c = (LockCommissioned) e;
                    rows.add(row(se, "commissioned", "model " + c.model() + ", serial " + c.serial() + ", firmware "
                            + c.firmwareVersion() + ", zone " + c.timeZone() + ", key epoch " + c.keyEpoch() + by(se)));
                } else if (e instanceof FactoryResetPerformed) {
                    FactoryResetPerformed r = (FactoryResetPerformed) e;
                    rows.add(row(se, "factory reset", "every code erased, enrollment ended; key epoch "
                            + r.oldKeyEpoch() + " to " + r.newKeyEpoch() + by(se)));
                } else if (e instanceof LockEnrolled) {
                    rows.add(row(se, "enrolled", SupportBundle.enrollment((LockEnrolled) e) + by(se)));
                }
            }
            table(rows, "No commissioning, enrollment or reset in this trail.");
        }

        private void battery() throws IOException {
            w("<h2>Battery</h2>\n");
            List<SequencedEvent> reports = new ArrayList<>();
            for (SequencedEvent se : h.events()) {
                if (se.event() instanceof BatteryReported) {
                    reports.add(se);
                }
            }
            if (reports.isEmpty()) {
                w("<p class=\"note\">No battery report.</p>\n");
                return;
            }
            long t0 = Long.MAX_VALUE;
            long t1 = Long.MIN_VALUE;
            for (SequencedEvent se : h.events()) {
                t0 = Math.min(t0, se.event().at().getEpochSecond());
                t1 = Math.max(t1, se.event().at().getEpochSecond());
            }
            t1 = Math.max(t0 + 1, t1);
            int width = 800;
            int height = 160;
            w("<svg role=\"img\" aria-label=\"battery percent over time\" width=\"" + width + "\" height=\"" + height
                    + "\" viewBox=\"0 0 " + width + " " + height + "\">\n");
            for (int level : new int[] {20, 5}) {
                int y = height - level * height / 100;
                w("<line x1=\"0\" y1=\"" + y + "\" x2=\"" + width + "\" y2=\"" + y
                        + "\" stroke=\"#e99\" stroke-dasharray=\"4 4\"/>\n");
            }
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (SequencedEvent se : reports) {
                BatteryReported b = (BatteryReported) se.event();
                long x = Math.max(0, Math.min(width, (b.at().getEpochSecond() - t0) * width / (t1 - t0)));
                long y = height - (long) b.percent() * height / 100;
                points.append(x).append(',').append(y).append(' ');
                dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"3\" fill=\"#36c\"><title>")
                        .append(escape(time(b.at()) + ": " + b.percent() + " % (" + b.level() + ")"))
                        .append("</title></circle>\n");
            }
            w("<polyline fill=\"none\" stroke=\"#36c\" stroke-width=\"2\" points=\"" + points.toString().trim() + "\"/>\n");
            w(dots.toString());
            w("</svg>\n<p class=\"note\">Dashed lines: low (20 %) and critical (5 %).</p>\n");
            List<String[]> rows = new ArrayList<>();
            for (SequencedEvent se : reports) {
                BatteryReported b = (BatteryReported) se.event();
                rows.add(row(se, b.percent() + " %", b.level().name()));
            }
            table(rows, "");
        }

        private void device() throws IOException {
            w("<h2>Device, clock and alarms</h2>\n");
            List<String[]> rows = new ArrayList<>();
            for (SequencedEvent se : h.events()) {
                LockEvent e = se.event();
                if (e instanceof FirmwareUpdated) {
                    FirmwareUpdated f = (FirmwareUpdated) e;
                    rows.add(row(se, "firmware updated", f.from() + " to " + f.to()));
                } else if (e instanceof DeviceEventReported) {
                    rows.add(row(se, "device event", ((DeviceEventReported) e).kind().name()));
                } else if (e instanceof AlarmRaised) {
                    AlarmRaised a = (AlarmRaised) e;
                    rows.add(row(se, "alarm", a.code().name() + (a.slot() == null ? "" : " (slot " + a.slot() + ")")));
                } else if (e instanceof ClockRollbackDetected) {
                    rows.add(row(se, "clock rollback", "stamped before the floor " + time(((ClockRollbackDetected) e).floor())
                            + ": clock untrusted"));
                } else if (e instanceof ClockFaultDetected) {
                    rows.add(row(se, "clock fault", "the clock reported " + ((ClockFaultDetected) e).reported()
                            + ", which no lock's clock can hold: recorded at the floor, clock untrusted"));
                } else if (e instanceof ClockSet) {
                    rows.add(row(se, "clock set", "trusted time again" + by(se)));
                }
            }
            table(rows, "No device event.");
        }

        private void codes() throws IOException {
            w("<h2>Codes</h2>\n");
            List<String[]> rows = new ArrayList<>();
            Map<Integer, String> names = new HashMap<>();
            h.initialState().credentials().all().forEach(c -> names.put(c.slot(), c.name()));
            for (SequencedEvent se : h.events()) {
                LockEvent e = se.event();
                if (e instanceof CodeAdded) {
                    CodeAdded a = (CodeAdded) e;
                    names.put(a.slot(), h.names().reveal(h.lock(), a.name()));
                    rows.add(row(se, "code added", slot(a.slot(), names) + ", " + a.type() + by(se)));
                } else if (e instanceof CodeChanged) {
                    int slot = ((CodeChanged) e).slot();
                    rows.add(row(se, "PIN changed", slot(slot, names) + by(se)));
                } else if (e instanceof CodeSuspended) {
                    rows.add(row(se, "code suspended", slot(((CodeSuspended) e).slot(), names) + by(se)));
                } else if (e instanceof CodeResumed) {
                    rows.add(row(se, "code resumed", slot(((CodeResumed) e).slot(), names) + by(se)));
                } else if (e instanceof CodeRemoved) {
                    rows.add(row(se, "code removed", slot(((CodeRemoved) e).slot(), names) + by(se)));
                } else if (e instanceof FactoryResetPerformed) {
                    names.clear();
                }
            }
            table(rows, "No code management.");
        }

        /** Erasures of people: each says that someone was erased, never whom (nor their subject id). */
        private void erasures() throws IOException {
            w("<h2>People erased</h2>\n");
            List<String[]> rows = new ArrayList<>();
            for (SequencedEvent se : h.events()) {
                if (se.event() instanceof SubjectErased) {
                    String who = who(se);
                    rows.add(row(se, "a person was erased", (who == null ? "" : "by " + who + ": ")
                            + "their key was destroyed, every name of theirs reads " + dev.access.crypto.PersonalData.ERASED));
                }
            }
            table(rows, "No one was erased.");
        }

        private void offlineCodes(List<Attempt> attempts) throws IOException {
            w("<h2>Offline codes</h2>\n");
            long granted = attempts.stream().filter(a -> a.offlineCode() != null && a.granted()).count();
            long refused = attempts.stream().filter(a -> a.offlineCode() != null && a.reason() != null).count();
            if (granted + refused > 0) {
                w("<p>Offline codes opened <b>" + granted + "</b> time(s) and were refused <b>" + refused
                        + "</b> time(s) (wrong PINs of the offline length are among the UNKNOWN_CODE denials).</p>\n");
            }
            List<String[]> rows = new ArrayList<>();
            Map<Long, OfflineTrail.Batch> batches = OfflineTrail.batches(h.events());
            for (SequencedEvent se : h.events()) {
                LockEvent e = se.event();
                if (e instanceof LockCommissioned) {
                    Integer length = ((LockCommissioned) e).offlineCodeLength();
                    if (length != null) {
                        rows.add(row(se, "commissioned", length == 0 ? "no offline codes"
                                : "offline codes of " + length + " digits, issuing-key generation 1"));
                    }
                } else if (e instanceof OfflineKeyExported) {
                    OfflineKeyExported x = (OfflineKeyExported) e;
                    rows.add(row(se, "issuing key exported", "generation " + x.generation() + " (key epoch "
                            + x.keyEpoch() + ") written to the owner's file" + by(se)));
                } else if (e instanceof LockEnrolled && ((LockEnrolled) e).offlineKeyGeneration() != null) {
                    LockEnrolled x = (LockEnrolled) e;
                    rows.add(row(se, "issuing key handed over", "generation " + x.offlineKeyGeneration()
                            + " sealed to backend " + x.backendKeyId() + " (key epoch " + x.keyEpoch() + ")"));
                } else if (e instanceof OfflineCodeRevoked) {
                    OfflineCodeRevoked x = (OfflineCodeRevoked) e;
                    OfflineTrail.Batch b = batches.get(se.sequence());
                    rows.add(row(se, "offline code revoked", "code " + x.codeId() + " refused until " + time(x.until())
                            + " (the end of its window); " + (b == null ? "at the lock" + by(se)
                                    : "by the backend's batch " + b.batch() + " (backend " + b.backend() + ")")));
                } else if (e instanceof AllOfflineCodesRevoked) {
                    AllOfflineCodesRevoked x = (AllOfflineCodesRevoked) e;
                    rows.add(row(se, "every offline code revoked", "issuing-key generation " + (x.generation() - 1)
                            + " replaced by " + x.generation() + " (key epoch " + x.keyEpoch()
                            + "): codes issued before no longer open" + by(se)));
                } else if (e instanceof FactoryResetPerformed) {
                    rows.add(row(se, "factory reset", "every offline code issued before is destroyed with key epoch "
                            + ((FactoryResetPerformed) e).oldKeyEpoch()));
                }
            }
            table(rows, "No offline-code event.");
        }

        private void attemptsTable(List<Attempt> attempts) throws IOException {
            w("<h2>Attempts</h2>\n");
            if (attempts.isEmpty()) {
                w("<p class=\"note\">No attempt.</p>\n");
                return;
            }
            int from = Math.max(0, attempts.size() - maxAttempts);
            if (from > 0) {
                w("<p class=\"note\">The latest " + maxAttempts + " of " + attempts.size()
                        + " attempts are listed; the CSV report has them all.</p>\n");
            }
            w("<table><tr><th>#</th><th>Time</th><th>Source</th><th>Slot</th><th>User</th><th>Type</th><th>Outcome</th>"
                    + "<th>Reason</th><th>Locked out until</th></tr>\n");
            for (Attempt a : attempts.subList(from, attempts.size())) {
                w("<tr class=\"" + a.outcome().toLowerCase(Locale.ROOT) + "\"><td>" + a.sequence() + "</td><td>");
                t(time(a.at()));
                w("</td><td>" + a.source() + "</td><td>" + (a.slot() == null ? "" : a.slot()) + "</td><td>");
                t(a.offlineCode() == null ? a.user()
                        : Attempt.describe(a.offlineCode(), time(a.offlineCode().from()), time(a.offlineCode().until())));
                w("</td><td>" + (a.userType() == null ? "" : a.userType().name()) + "</td><td>" + a.outcome() + "</td><td>"
                        + (a.reason() == null ? "" : a.reason().name()) + "</td><td>");
                t(a.lockedOutUntil() == null ? "" : time(a.lockedOutUntil()));
                w("</td></tr>\n");
            }
            w("</table>\n");
        }

        /** Who did the event, as people read it, or null. */
        private String who(SequencedEvent se) {
            return h.names().who(h.lock(), se.event());
        }

        /** ", by alice via local" for an event that names who did it, else "". */
        private String by(SequencedEvent se) {
            String who = who(se);
            return who == null ? "" : ", by " + who;
        }

        private static String slot(int slot, Map<Integer, String> names) {
            String n = names.get(slot);
            return "slot " + slot + (n == null ? "" : " '" + n + "'");
        }

        private String[] row(SequencedEvent se, String what, String detail) {
            return new String[] {Long.toString(se.sequence()), time(se.event().at()), what, detail};
        }

        private void table(List<String[]> rows, String empty) throws IOException {
            if (rows.isEmpty()) {
                if (!empty.isEmpty()) {
                    w("<p class=\"note\">");
                    t(empty);
                    w("</p>\n");
                }
                return;
            }
            w("<table><tr><th>#</th><th>Time</th><th>What</th><th>Detail</th></tr>\n");
            for (String[] r : rows) {
                w("<tr>");
                for (String cell : r) {
                    w("<td>");
                    t(cell);
                    w("</td>");
                }
                w("</tr>\n");
            }
            w("</table>\n");
        }

        private long count(Class<? extends LockEvent> type) {
            return h.events().stream().filter(e -> type.isInstance(e.event())).count();
        }

        private String time(Instant i) {
            if (i == null) {
                return "";
            }
            try {
                return fmt.format(i);
            } catch (java.time.DateTimeException e) {
                return i.toString();
            }
        }

        private void w(String s) throws IOException {
            out.write(s);
        }

        private void t(String s) throws IOException {
            out.write(escape(s));
        }
    }
}
