package dev.access.cli;

import dev.access.core.SimulatedClock;
import dev.access.core.AccessControl;
import dev.access.core.audit.Diagnosis;
import dev.access.core.audit.Finding;
import dev.access.core.audit.FindingRenderer;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.DeviceEventKind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.PinCode;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A scripted day in the life of one lock, told in plain text: commissioning, codes of several
 * kinds, granted and denied entries with their reasons, a lockout that survives a power cycle,
 * vacation mode, a low battery, a duress code, a clock rollback and a factory reset; a diagnosis of
 * codes that do not open (findings and next steps); and at the end the trail exported, verified with
 * the lock's public key alone, tampered with, and caught. It runs on a fresh store and a simulated
 * clock, so every run tells the same story (the export goes to a temporary directory, deleted after).
 */
public final class Demo {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("EEE HH:mm:ss").withZone(ZONE);
    private static final LockId FRONT = LockId.of("front-door");

    private final PrintStream out;
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-07T07:00:00Z"));
    private final KeyRing keyRing = InMemoryKeyRing.create();
    private final LockStore store = LockStore.inMemory();
    private AccessControl lock;

    /** A demo that tells its story on {@code out}. */
    public Demo(PrintStream out) {
        this.out = out;
    }

    /** Runs the story; returns 0. */
    public int run() {
        out.println("A day in the life of a lock. Store: " + store + "; clock: simulated; zone: " + ZONE + ".");
        out.println("(PINs are typed below but never printed, logged or stored: the trail holds keyed digests.)");
        out.println();
        lock = open();
        try {
            story();
        } finally {
            lock.close();
        }
        return 0;
    }

    private AccessControl open() {
        return AccessControl.builder().store(store).clock(clock).keyRing(keyRing).build();
    }

    private void story() {
        say("The installer commissions lock '" + FRONT + "' (model KP-100) with a master code in slot 0.");
        lock.commission(LockSetup.of(FRONT).withDevice("KP-100", "SN-0042", "1.4.2").withTimeZone(ZONE.getId())
                .withLockoutPolicy(LockoutPolicy.defaults()), "20261207".toCharArray());

        say("The owner adds four codes:");
        lock.addCode(FRONT, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
        lock.addCode(FRONT, NewCode.of(2, UserType.WEEK_DAY_SCHEDULE, "cleaner", CodeRules.none().withSchedules(List.of(
                new WeekDaySchedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                        LocalTime.of(12, 0))))), "7305".toCharArray());
        lock.addCode(FRONT, NewCode.of(3, UserType.DISPOSABLE, "parcel courier", CodeRules.none()), "1593".toCharArray());
        lock.addCode(FRONT, NewCode.of(4, UserType.FORCED, "duress", CodeRules.none()), "4827".toCharArray());
        out.println("        slot 1 alice (unrestricted), slot 2 cleaner (Mon-Fri 09:00-12:00),");
        out.println("        slot 3 parcel courier (one use), slot 4 duress (opens, raises a silent alarm)");
        try {
            lock.addCode(FRONT, NewCode.unrestricted(5, "bob"), "4826".toCharArray());
        } catch (LockCommandRejected e) {
            say("Adding bob with alice's PIN is refused: " + e.getMessage());
        }

        advance(Duration.ofMinutes(5));
        enter("alice types her code", "4826");
        enter("the cleaner arrives early", "7305");
        diagnose("The cleaner asks why; the owner runs a diagnosis with the code the cleaner typed:", "7305");
        advance(Duration.ofHours(1));
        enter("the cleaner, at nine", "7305");
        enter("the courier delivers a parcel", "1593");
        enter("the courier comes back", "1593");

        advance(Duration.ofMinutes(30));
        say("Someone tries codes at the door:");
        for (String guess : new String[] {"0000", "1234", "1111", "2580"}) {
            enter("  a guess", guess);
        }
        enter("  a fifth guess", "9999");
        say("The batteries are pulled and put back: the lock restarts from its trail.");
        lock.close();
        lock = open();
        lock.reportDeviceEvent(FRONT, DeviceEventKind.RESTARTED);
        advance(Duration.ofSeconds(30));
        enter("alice, during the lockout, after the restart", "4826");
        advance(Duration.ofSeconds(31));
        enter("alice, once the lockout has ended", "4826");

        advance(Duration.ofHours(1));
        say("The owner leaves for a week and turns on vacation mode.");
        lock.changeMode(FRONT, OperatingMode.VACATION, "owner (app)");
        enter("alice", "4826");
        enter("the owner's master code", "20261207");
        lock.changeMode(FRONT, OperatingMode.NORMAL, "owner (app)");

        advance(Duration.ofMinutes(20));
        lock.reportBattery(FRONT, 15);
        say("The battery reports 15 %: " + lock.state(FRONT).batteryLevel() + ".");
        enter("a threatened resident types the duress code", "4827");
        say("The door opened as for any code; the trail holds a silent FORCED_USER alarm.");

        advance(Duration.ofMinutes(10));
        say("The battery is swapped and the real-time clock comes back at 1 January 2000.");
        clock.set(Instant.parse("2000-01-01T00:00:00Z"));
        enter("the cleaner (a scheduled code needs a trusted clock)", "7305");
        enter("alice (a permanent code still opens)", "4826");
        clock.set(Instant.parse("2026-12-07T10:45:00Z"));
        lock.setClock(FRONT, clock.instant());
        say("The hub sets trusted time again.");
        enter("the cleaner", "7305");

        advance(Duration.ofHours(3));
        LockState before = lock.state(FRONT);
        say("The house is sold: factory reset. Key epoch " + before.keyEpoch() + " is destroyed.");
        lock.factoryReset(FRONT);
        lock.commission(LockSetup.of(FRONT).withTimeZone(ZONE.getId()), "55501234".toCharArray());
        say("The new owner commissions it again (key epoch " + lock.state(FRONT).keyEpoch() + ").");
        enter("alice's old code", "4826");
        diagnose("Alice asks why her code no longer works:", "4826");

        out.println();
        List<LockEvent> trail = lock.events(FRONT);
        Map<String, Integer> byType = new TreeMap<>();
        trail.forEach(e -> byType.merge(e.getClass().getSimpleName(), 1, Integer::sum));
        out.println("The trail holds " + trail.size() + " events: " + byType);
        out.println();
        audit();
    }

    /**
     * Diagnoses a typed code, as {@code lockctl diagnose --pin} does: the digits are digested with
     * the lock's current key and only compared; the findings name slots and times, never a PIN.
     */
    private void diagnose(String question, String digits) {
        say(question);
        LockState s = lock.state(FRONT);
        char[] typed = digits.toCharArray();
        Diagnosis.Question q = Diagnosis.Question.at(clock.instant()).typedLength(typed.length);
        try (PinCode pin = PinCode.of(typed, s.profile().pinPolicy())) {
            q = q.typedCode(keyRing.digester(FRONT.value(), s.keyEpoch()).digest(pin));
        } finally {
            Arrays.fill(typed, '\0');
        }
        FindingRenderer words = FindingRenderer.english();
        for (Finding f : Diagnosis.diagnose(lock, FRONT, q)) {
            out.println("          finding " + f.code() + ": " + words.summary(f));
            out.println("            next step: " + words.nextStep(f));
        }
    }

    /**
     * The auditor's part: a signed export, verified with the public key alone, then a copy with one
     * attempt's outcome changed, which fails verification at that line.
     */
    private void audit() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("lockctl-demo");
            Path export = dir.resolve("front-door.jsonl");
            Path keyFile = dir.resolve("front-door.jsonl.pub");
            lock.checkpoint(FRONT);
            long lines;
            try (Writer w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
                lines = TrailExport.write(lock, FRONT, w, lock.personalKeys(FRONT));
            }
            Files.writeString(keyFile, lock.publicKey(FRONT).export(), StandardCharsets.UTF_8);
            say("The owner signs a checkpoint and exports the trail for an auditor: " + export.getFileName() + " ("
                    + lines + " lines, JSON Lines) and the lock's public key " + keyFile.getFileName() + ".");
            TrailPublicKey key = TrailPublicKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            VerificationReport good = verify(export, key);
            say("The auditor verifies it with the public key alone: " + (good.ok() ? "OK" : "FAILED") + ", "
                    + good.lines() + " lines, signed up to sequence "
                    + good.locks().get(FRONT.value()).lastSignedSequence() + "; names readable: "
                    + good.locks().get(FRONT.value()).readablePeople() + " people.");

            List<String> text = new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
            int n = 0;
            while (n < text.size() && !text.get(n).contains("\"type\":\"EntryDenied\"")) {
                n++;
            }
            text.set(n, text.get(n).replace("\"type\":\"EntryDenied\"", "\"type\":\"EntryGranted\""));
            Path forged = dir.resolve("front-door-edited.jsonl");
            Files.write(forged, text, StandardCharsets.UTF_8);
            say("Someone edits line " + (n + 1) + " of a copy: the cleaner's early attempt now reads EntryGranted.");
            VerificationReport bad = verify(forged, key);
            say("The auditor verifies the copy: " + (bad.ok() ? "OK" : "FAILED") + ".");
            for (TrailProblem p : bad.problems()) {
                out.println("          " + AuditCommands.Verify.line(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static VerificationReport verify(Path export, TrailPublicKey key) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            return TrailVerifier.verify(in, lock -> key.lockId().equals(lock) ? key : null);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory left behind holds an export (no PIN); nothing to do.
        }
    }

    private void enter(String who, String digits) {
        EntryResult r = lock.enter(FRONT, digits.toCharArray(), EntrySource.KEYPAD);
        String outcome = r.granted() ? "GRANTED (slot " + r.slot() + ", " + r.userType() + ")"
                : "DENIED: " + r.reason() + (r.lockedOutUntil() == null ? ""
                        : " (locked out until " + HHMM.format(r.lockedOutUntil()) + ")");
        say(who + " -> " + outcome);
    }

    private void say(String line) {
        out.println(HHMM.format(clock.instant()) + "  " + line);
    }

    private void advance(Duration d) {
        clock.advance(d);
    }
}
