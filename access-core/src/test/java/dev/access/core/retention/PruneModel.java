package dev.access.core.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailAnchored;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.PinRejectedException;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The model shared by the prune tests on SQLite and PostgreSQL: random steps a lock goes through
 * (codes of every kind, entries right and wrong, lockouts, a spent daily budget, one-time offline
 * codes, mode changes, time passing), run the same way against two copies of one store so that
 * their outcomes compare; and the checks of an export that starts at an anchor, including what
 * tampering with the anchor must make the verifier say.
 */
public final class PruneModel {
    /** The lock of every model run. */
    public static final LockId LOCK = LockId.of("front");
    /** When a run starts (an hour boundary: offline windows fit). */
    public static final Instant T0 = Instant.parse("2026-03-02T07:00:00Z");
    /** PINs of the user codes; the last is a PIN no code has. */
    static final String[] PINS = {"100001", "200002", "300003", "400004", "1111"};
    static final String MASTER = "90817263";
    /** Small limits, so random runs meet lockouts and the daily budget. */
    static final LockoutPolicy POLICY = new LockoutPolicy(3, Duration.ofSeconds(60), Duration.ofSeconds(480),
            Duration.ofHours(1), 9);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PruneModel() {
    }

    /** One step; {@code toString} says what it does (QuickTheories prints it on failure). */
    public record Step(int kind, int a, int b) {
        @Override
        public String toString() {
            switch (kind % 10) {
                case 0: return "add(slot " + slot() + ", pin #" + (b % 4) + ", " + codeKind() + ")";
                case 1: return "enter(pin #" + (b % PINS.length) + ")";
                case 2: return "advance(" + minutes() + " min)";
                case 3: return "remove(slot " + slot() + ")";
                case 4: return "suspend-or-resume(slot " + slot() + ")";
                case 5: return "three wrong codes";
                case 6: return "clear lockout";
                case 7: return "offline one-time code (variant " + (b % 2) + ")";
                case 8: return "mode(" + mode() + ")";
                default: return "advance(" + (a % 30 + 1) + " h)";
            }
        }

        int slot() {
            return a % 4 + 1;
        }

        int minutes() {
            return a % 40 * 3 + b % 3;
        }

        String codeKind() {
            return List.of("unrestricted", "disposable", "two uses", "30-min window", "weekdays 08-18", "expiring 1h")
                    .get(b / 4 % 6);
        }

        OperatingMode mode() {
            return List.of(OperatingMode.NORMAL, OperatingMode.VACATION, OperatingMode.PRIVACY).get(b % 3);
        }
    }

    /** A lock being driven: its library, clock and offline issuing key. */
    public static final class Driver {
        final AccessControl access;
        final SimulatedClock clock;
        OfflineIssuingKey offlineKey;

        public Driver(AccessControl access, SimulatedClock clock) {
            this.access = access;
            this.clock = clock;
        }
    }

    /** Commissions the lock (small lockout limits, offline codes on) and exports its issuing key. */
    public static void commission(Driver d) {
        d.access.commission(LockSetup.of(LOCK).withTimeZone("Europe/Berlin").withLockoutPolicy(POLICY),
                MASTER.toCharArray());
    }

    /** Runs a step; its outcome as text (what two copies of a lock must agree on). */
    public static String run(Driver d, Step s) {
        AccessControl a = d.access;
        Instant now = d.clock.instant();
        try {
            switch (s.kind() % 10) {
                case 0: {
                    CodeRules rules = CodeRules.none();
                    UserType type = UserType.UNRESTRICTED;
                    switch (s.b() / 4 % 6) {
                        case 1: type = UserType.DISPOSABLE; break;
                        case 2: rules = rules.withMaxUses(2); break;
                        case 3: rules = CodeRules.window(now, now.plus(Duration.ofMinutes(30))); break;
                        case 4: rules = rules.withSchedules(List.of(new WeekDaySchedule(
                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0))));
                            break;
                        case 5: type = UserType.EXPIRING; rules = rules.withExpireAfterFirstUse(Duration.ofHours(1)); break;
                        default: break;
                    }
                    return types(a.addCode(LOCK, NewCode.of(s.slot(), type, "user" + s.slot(), rules),
                            PINS[s.b() % 4].toCharArray()));
                }
                case 1:
                    return entry(a.enter(LOCK, PINS[s.b() % PINS.length].toCharArray(), EntrySource.KEYPAD));
                case 2:
                    d.clock.advance(Duration.ofMinutes(s.minutes()));
                    return "advanced";
                case 3:
                    return types(a.removeCode(LOCK, s.slot()));
                case 4: {
                    var c = a.state(LOCK).credentials().get(s.slot());
                    return types(c != null && c.suspended() ? a.resumeCode(LOCK, s.slot()) : a.suspendCode(LOCK, s.slot()));
                }
                case 5: {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 3; i++) {
                        b.append(entry(a.enter(LOCK, "9999".toCharArray(), EntrySource.KEYPAD))).append(';');
                    }
                    return b.toString();
                }
                case 6:
                    return types(a.clearLockout(LOCK, "model"));
                case 7: {
                    if (d.offlineKey == null) {
                        d.offlineKey = a.exportOfflineIssuingKey(LOCK);
                    }
                    Instant from = now.truncatedTo(ChronoUnit.HOURS);
                    IssuedOfflineCode code = d.offlineKey.issuePlain(from, from.plus(Duration.ofHours(2)), true, s.b() % 2);
                    return entry(a.enter(LOCK, code.pin(), EntrySource.KEYPAD));
                }
                case 8:
                    return types(a.changeMode(LOCK, s.mode(), "model"));
                default:
                    d.clock.advance(Duration.ofHours(s.a() % 30 + 1));
                    return "advanced";
            }
        } catch (LockCommandRejected e) {
            return "rejected " + e.rejection();
        } catch (PinRejectedException e) {
            return "pin rejected " + e.rule();
        }
    }

    private static String types(List<LockEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.joining(","));
    }

    private static String entry(EntryResult r) {
        return (r.granted() ? "granted" : "denied " + r.reason()) + " slot " + r.slot() + " until " + r.lockedOutUntil()
                + (r.offlineCode() == null ? "" : " offline " + r.offlineCode().id());
    }

    /** The lock's trail as an export (a checkpoint signed first, as lockctl's export does). */
    public static String export(AccessControl a) {
        a.checkpoint(LOCK);
        StringWriter w = new StringWriter();
        TrailExport.write(a, LOCK, w);
        return w.toString();
    }

    /** Verifies an export of the lock with its public key. */
    public static VerificationReport verify(String export, TrailPublicKey key) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(export)), l -> key.lockId().equals(l) ? key : null);
    }

    /** The export's lines. */
    public static List<String> lines(String export) {
        return new ArrayList<>(Arrays.asList(export.split("\n")));
    }

    /**
     * Checks that an export starting at an anchor verifies from it, and that each way of tampering
     * with the anchor is reported with the kind that names it.
     */
    public static void checkAnchoredExport(String export, TrailPublicKey key, long anchorSequence) throws Exception {
        VerificationReport ok = verify(export, key);
        assertTrue(ok.ok(), "the pruned export verifies: " + ok.problems());
        VerificationReport.LockSummary s = ok.locks().get(LOCK.value());
        assertEquals(anchorSequence, s.anchorSequence(), "the report says where the trail starts");
        assertTrue(s.signed() && s.lastSignedSequence() >= anchorSequence);
        List<String> lines = lines(export);
        String anchorLine = lines.get(0);
        ObjectNode line = (ObjectNode) JSON.readTree(anchorLine);
        assertEquals(TrailAnchored.class.getSimpleName(), line.get("type").asText(), "the export starts at the anchor");
        ObjectNode payload = (ObjectNode) JSON.readTree(line.get("payload").asText());

        // The state changed, its hash left: the state no longer matches the signed hash.
        ObjectNode state = payload.deepCopy();
        ObjectNode lockout = (ObjectNode) state.get("state").get("lockout");
        lockout.put("consecutiveFailures", lockout.get("consecutiveFailures").asInt() + 1);
        assertFails(tampered(lines, line, state), key, TrailProblem.Kind.ANCHOR_MISMATCH, "state changed");

        // The state changed and its hash recomputed (what a forger would do): the signature fails.
        TrailAnchored parsed = (TrailAnchored) AuditForm.parse(line.get("type").asText(), state.toString());
        ObjectNode rehashed = state.deepCopy();
        rehashed.put("stateSha256", AuditForm.stateHash(parsed.state()));
        assertFails(tampered(lines, line, rehashed), key, TrailProblem.Kind.BAD_SIGNATURE, "state and hash changed");

        // A credential's use count reset (laundering a one-time code), hash recomputed: refused.
        ObjectNode uses = payload.deepCopy();
        if (uses.get("state").get("credentials").size() > 0) {
            ObjectNode c = (ObjectNode) uses.get("state").get("credentials").get(0);
            c.put("uses", c.get("uses").asInt() + 1);
            TrailAnchored u = (TrailAnchored) AuditForm.parse(line.get("type").asText(), uses.toString());
            uses.put("stateSha256", AuditForm.stateHash(u.state()));
            assertFails(tampered(lines, line, uses), key, TrailProblem.Kind.BAD_SIGNATURE, "use count changed");
        }

        // The chain head changed in the payload and the line alike: the signature fails.
        ObjectNode head = payload.deepCopy();
        String otherHead = flipHex(payload.get("chainHead").asText());
        head.put("chainHead", otherHead);
        ObjectNode headLine = line.deepCopy();
        headLine.put("chain", otherHead);
        assertFails(tampered(lines, headLine, head), key, TrailProblem.Kind.BAD_SIGNATURE, "head changed");

        // Only the line's chain value changed: it no longer is the anchor's head.
        ObjectNode chainOnly = line.deepCopy();
        chainOnly.put("chain", otherHead);
        assertFails(tampered(lines, chainOnly, payload), key, TrailProblem.Kind.ANCHOR_MISMATCH, "line's chain changed");

        // The signature changed.
        ObjectNode sig = payload.deepCopy();
        String signature = sig.get("signature").asText();
        sig.put("signature", (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
        assertFails(tampered(lines, line, sig), key, TrailProblem.Kind.BAD_SIGNATURE, "signature changed");

        // The sequence changed in the payload and the line: the signature fails.
        ObjectNode seq = payload.deepCopy();
        seq.put("sequence", payload.get("sequence").asLong() - 1);
        ObjectNode seqLine = line.deepCopy();
        seqLine.put("sequence", payload.get("sequence").asLong() - 1);
        assertFails(tampered(lines, seqLine, seq), key, TrailProblem.Kind.BAD_SIGNATURE, "sequence changed");

        // The anchor moved off the start (its line repeated after the next): misplaced.
        if (lines.size() > 1) {
            List<String> moved = new ArrayList<>(lines);
            moved.add(2, anchorLine);
            assertFails(String.join("\n", moved) + "\n", key, TrailProblem.Kind.ANCHOR_MISPLACED, "anchor moved");
        }
    }

    private static String tampered(List<String> lines, ObjectNode line, ObjectNode payload) {
        ObjectNode l = line.deepCopy();
        l.put("payload", payload.toString());
        List<String> out = new ArrayList<>(lines);
        out.set(0, l.toString());
        return String.join("\n", out) + "\n";
    }

    private static void assertFails(String export, TrailPublicKey key, TrailProblem.Kind kind, String what) {
        VerificationReport r = verify(export, key);
        assertFalse(r.ok(), what + ": the tampered anchor must fail verification");
        Set<TrailProblem.Kind> kinds = r.problems().stream().map(TrailProblem::kind).collect(Collectors.toSet());
        assertTrue(kinds.contains(kind), what + ": expected " + kind + " among " + r.problems());
    }

    private static String flipHex(String hex) {
        char c = hex.charAt(10);
        return hex.substring(0, 10) + (c == '0' ? '1' : '0') + hex.substring(11);
    }
}
