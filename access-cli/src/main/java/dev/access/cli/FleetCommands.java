package dev.access.cli;

import dev.access.core.Fleet;
import dev.access.core.audit.TrailProblem;
import dev.access.core.domain.Credential;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutState;
import dev.access.core.fleet.CodeSync;
import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.FleetAlarm;
import dev.access.core.fleet.FleetLock;
import dev.access.core.fleet.IngestResult;
import dev.access.core.fleet.LockNotEnrolledException;
import dev.access.core.fleet.LockView;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.core.fleet.Registration;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.core.fleet.SyncView;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.SignatureVerificationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockctl fleet init|key|enroll|ingest|code|mode|offline-code|push|status|locks}: the
 * backend's side of a fleet. {@code --data} (or {@code --jdbc}) is the backend's store; the
 * backend's identity lives in the key ring of {@code --data}. {@code code} and {@code mode} ({@link
 * FleetRequests}) record the desired state, {@code offline-code} ({@link FleetOfflineCodes}) issues
 * offline codes and queues their revocation, {@code push} writes the desired state as a signed
 * programming batch. {@code status}, {@code locks} and {@code offline-code list} only read: they
 * open no key ring.
 */
@Command(name = "fleet", description = "Run a backend: its identity, the locks enrolled with it, verified copies"
        + " of their trails, and the codes it programs into them.",
        subcommands = {FleetCommands.Init.class, FleetCommands.Key.class, FleetCommands.Enroll.class,
            FleetCommands.Ingest.class, FleetRequests.Code.class, FleetRequests.Mode.class,
            FleetOfflineCodes.Issue.class, FleetCommands.Push.class, FleetCommands.Status.class,
            FleetCommands.Locks.class})
final class FleetCommands extends CommandGroup {
    /** A command on the backend's store: same conventions as {@link StoreCommand}. */
    abstract static class BackendCommand extends Subcommand {
        @Override
        final int run(GlobalOptions g, Console console) {
            String password = g.jdbcUrl == null ? null : g.password(System.getenv(), System.in);
            prepare(g);
            try (StoreOpener.FleetSession session = StoreOpener.openFleet(g, password, usesKeyRing())) {
                return execute(session.fleet(), console);
            }
        }

        /** Checks arguments before anything is opened. */
        void prepare(GlobalOptions g) {
        }

        /** Whether the command needs the backend's key ring (its identity). */
        boolean usesKeyRing() {
            return true;
        }

        abstract int execute(Fleet fleet, Console console);
    }

    /** A backend command about one lock ({@code --lock ID}). */
    abstract static class LockBackendCommand extends BackendCommand {
        @Option(names = "--lock", required = true, paramLabel = "ID", converter = Converters.LockIdConverter.class,
                description = "The lock.")
        LockId lock;
    }

    /** {@code fleet init}. */
    @Command(name = "init", description = "Create the backend's identity (Ed25519 signing and X25519 sealing keys) in"
            + " the key ring of --data if it has none; print its key id.")
    static final class Init extends BackendCommand {
        @Override
        int execute(Fleet fleet, Console console) {
            boolean existed = fleet.publicKey().isPresent();
            BackendPublicKey key = fleet.initialize();
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("keyId", key.keyId());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": backend key id " + key.keyId()
                        + (existed ? " (already created)" : " (created)"));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fleet key --out FILE}. */
    @Command(name = "key", description = "Write the backend's public file (key id, Ed25519 and X25519 public keys):"
            + " what a lock enrolls with.")
    static final class Key extends BackendCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The public file to write.")
        Path out;

        @Override
        void prepare(GlobalOptions g) {
            OutputPaths.requireSafe("--out", out, g.data);
        }

        @Override
        int execute(Fleet fleet, Console console) {
            BackendPublicKey key = fleet.publicKey().orElseThrow(() -> CliError.usage(
                    "this backend has no identity yet: create it with 'lockctl fleet init'"));
            AuditFiles.write(out, w -> w.write(key.export()));
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("keyId", key.keyId());
                o.put("out", out.toString());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": backend key " + key.keyId() + " to " + out);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fleet enroll ENROLLMENT}. */
    @Command(name = "enroll", description = "Register a lock's enrollment file (written by 'lockctl enroll') after"
            + " checking its signature: exit 5 if it does not verify or must be refused.")
    static final class Enroll extends BackendCommand {
        @Parameters(index = "0", paramLabel = "ENROLLMENT", description = "The lock's enrollment file.")
        Path file;

        private Enrollment enrollment;

        @Override
        void prepare(GlobalOptions g) {
            enrollment = AuditFiles.readEnrollment(file);
        }

        @Override
        int execute(Fleet fleet, Console console) {
            Registration r;
            try {
                r = fleet.enroll(enrollment);
            } catch (SignatureVerificationException e) {
                throw new SignatureVerificationException("the enrollment " + file + " does not verify: " + e.getMessage());
            }
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", r.lock());
                o.put("keyEpoch", r.keyEpoch());
                o.put("sequence", r.sequence());
                o.put("added", r.added());
                o.put("newEpoch", r.newEpoch());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + r.lock() + ", key epoch " + r.keyEpoch() + ", trail anchored"
                        + " at sequence " + r.sequence() + (r.added() ? (r.newEpoch() ? " (enrolled)" : " (anchor added)")
                        : " (already enrolled: nothing to record)"));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fleet ingest SEGMENT}. */
    @Command(name = "ingest", description = "Verify a lock's trail segment (written by 'lockctl audit export"
            + " --from-sequence') against what the backend holds and store its new events: exit 5 and nothing stored"
            + " on any verification failure, gap or fork.")
    static final class Ingest extends BackendCommand {
        @Parameters(index = "0", paramLabel = "SEGMENT", description = "The segment (JSON Lines).")
        Path file;

        @Override
        void prepare(GlobalOptions g) {
            if (Files.isDirectory(file) || !Files.isReadable(file)) {
                throw CliError.environment("cannot read the segment " + file + ": "
                        + (Files.isDirectory(file) ? "it is a directory" : "no such file or not readable"), null);
            }
        }

        @Override
        int execute(Fleet fleet, Console console) {
            IngestResult r;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                r = fleet.ingest(in);
            } catch (IOException e) {
                throw CliError.environment("cannot read the segment " + file + ": " + dev.access.Causes.plain(e), e);
            } catch (java.io.UncheckedIOException e) {
                throw CliError.environment("cannot read the segment " + file + ": " + dev.access.Causes.plain(e.getCause()), e);
            } catch (SegmentRejectedException e) {
                Long held = e.lock() == null ? null
                        : fleet.view(LockId.of(e.lock())).map(LockView::lastSequence).orElse(null);
                print(console, false, e.lock(), 0, held, e.problems());
                throw e;
            }
            print(console, true, r.lock(), r.newEvents(), r.lastSequence(), r.problems());
            if (!console.json()) {
                console.printText(commandName() + ": lock " + r.lock() + ": " + r.newEvents() + " new event(s)"
                        + (r.unchanged() > 0 ? ", " + r.unchanged() + " already held" : "")
                        + (r.heldBack() > 0 ? ", " + r.heldBack() + " held back until signed" : "")
                        + "; the backend holds up to sequence " + r.lastSequence());
            }
            return ExitCodes.OK;
        }

        private static void print(Console console, boolean ok, String lock, long newEvents, Long lastSequence,
                List<TrailProblem> problems) {
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", ok);
                o.put("lock", lock);
                o.put("newEvents", newEvents);
                o.put("lastSequence", lastSequence);
                List<Map<String, Object>> ps = new ArrayList<>();
                for (TrailProblem p : problems) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", p.kind().name());
                    m.put("message", p.message());
                    ps.add(m);
                }
                o.put("problems", ps);
                console.printJson(o);
            } else {
                for (TrailProblem p : problems) {
                    console.printText((p.line() > 0 ? "line " + p.line() + ": " : "") + p.kind() + ": " + p.message());
                }
            }
        }
    }

    /** {@code fleet push --lock ID --out BATCH}. */
    @Command(name = "push", description = "Write the lock's next programming batch (signed): the end state of every"
            + " change its trail has not confirmed yet. Nothing pending: nothing is written.")
    static final class Push extends LockBackendCommand {
        @Option(names = "--out", required = true, paramLabel = "BATCH", description = "The batch file to write.")
        Path out;

        @Override
        void prepare(GlobalOptions g) {
            OutputPaths.requireSafe("--out", out, g.data);
            OutputPaths.requireWritable("--out", out);
        }

        @Override
        int execute(Fleet fleet, Console console) {
            Optional<ProgrammingBatch> pushed = fleet.push(lock);
            pushed.ifPresent(b -> AuditFiles.write(out, w -> w.write(b.toText())));
            ProgrammingBatch b = pushed.orElse(null);
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("batch", b == null ? null : b.batch());
                o.put("operations", b == null ? 0 : b.operations().size());
                o.put("out", b == null ? null : out.toString());
                console.printJson(o);
            } else if (b == null) {
                console.printText(commandName() + ": lock " + lock + ": nothing pending (the lock's trail confirms every"
                        + " change asked for); no batch written");
            } else {
                console.printText(commandName() + ": lock " + lock + ": batch " + b.batch() + " with "
                        + b.operations().size() + " operation(s) written to " + out
                        + "; hand it to the lock ('lockctl apply')");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code fleet status --lock ID}. */
    @Command(name = "status", description = "Show what the backend knows of a lock, from its trail alone: mode,"
            + " lockout, battery, alarms, codes; and the sync status of each code the backend manages (in sync also"
            + " means no offline code's revocation waits for a batch; 'fleet offline-code list' shows them).")
    static final class Status extends LockBackendCommand {
        @Override
        boolean usesKeyRing() {
            return false;
        }

        @Override
        int execute(Fleet fleet, Console console) {
            LockView v = fleet.view(lock).orElseThrow(() -> new LockNotEnrolledException(lock.value()));
            Map<String, Object> f = facts(v, fleet.sync(lock), fleet.now());
            if (console.json()) {
                console.printJson(f);
            } else {
                List<dev.access.core.fleet.OfflineCodeSync> offline = fleet.offlineCodes(lock);
                long pending = offline.stream()
                        .filter(c -> c.status() == dev.access.core.fleet.OfflineCodeStatus.REVOKE_PENDING).count();
                console.printText(text(f) + (offline.isEmpty() ? "" : "\noffline codes: " + offline.size()
                        + " issued, " + pending + " revocation(s) pending (see 'lockctl fleet offline-code list')"));
            }
            return ExitCodes.OK;
        }

        /**
         * The status as JSON-ready facts, with the issue's field names; every key always present. The
         * codes are those the lock holds and those the backend manages, by slot.
         */
        static Map<String, Object> facts(LockView v, SyncView sync, Instant at) {
            LockState s = v.state();
            Instant now = s.effectiveTime(at);
            LockoutState lo = s.lockout();
            boolean lockedOut = lo.isLockedOutAt(now);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("lock", v.lock());
            o.put("keyEpoch", s.keyEpoch());
            o.put("lastSequence", v.lastSequence());
            o.put("lastEventAt", JsonOut.iso(v.lastEventAt()));
            o.put("lastIngestAt", JsonOut.iso(v.lastIngestAt()));
            o.put("mode", s.mode().name());
            o.put("lockedOut", lockedOut);
            o.put("lockedOutUntil", lockedOut ? JsonOut.iso(lo.lockedOutUntil()) : null);
            o.put("batteryPercent", s.batteryPercent());
            List<Map<String, Object>> alarms = new ArrayList<>();
            for (FleetAlarm a : v.alarms()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", a.code());
                m.put("at", JsonOut.iso(a.at()));
                m.put("sequence", a.sequence());
                m.put("slot", a.slot());
                m.put("detail", a.detail());
                alarms.add(m);
            }
            o.put("alarms", alarms);
            Map<Integer, Credential> held = s.credentials().bySlot();
            SortedSet<Integer> slots = new TreeSet<>(held.keySet());
            sync.codes().forEach(c -> slots.add(c.slot()));
            List<Map<String, Object>> codes = new ArrayList<>();
            for (int slot : slots) {
                Credential c = held.get(slot);
                CodeSync cs = sync.slot(slot);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("slot", slot);
                // The lock's events hold names sealed under keys that stay at the lock: the backend
                // shows the name it set itself, and none for a code added at the lock.
                String clearName = c == null || dev.access.crypto.PersonalData.isSealed(c.name()) ? null : c.name();
                m.put("name", clearName != null ? clearName : cs == null ? null : cs.name());
                m.put("type", (c != null ? c.type() : cs.type()).name());
                m.put("status", c == null ? null : StatusCommand.codeStatus(c, now));
                m.put("sync", cs == null ? null : cs.sync().name());
                m.put("reason", cs == null ? null : cs.reason());
                m.put("since", cs == null ? null : JsonOut.iso(cs.since()));
                m.put("batch", cs == null ? null : cs.batch());
                m.put("by", cs == null ? null : cs.by());
                codes.add(m);
            }
            o.put("codes", codes);
            o.put("inSync", sync.inSync());
            o.put("lastPushedBatch", sync.lastPushedBatch());
            o.put("lastAppliedBatch", sync.lastAppliedBatch());
            return o;
        }

        @SuppressWarnings("unchecked")
        static String text(Map<String, Object> f) {
            StringBuilder b = new StringBuilder();
            b.append("lock ").append(f.get("lock")).append(" (as its trail says, up to sequence ")
                    .append(f.get("lastSequence")).append(")\n");
            b.append("key epoch: ").append(f.get("keyEpoch")).append('\n');
            b.append("last event: ").append(f.get("lastEventAt") == null ? "none" : f.get("lastEventAt"))
                    .append(", last heard from: ").append(f.get("lastIngestAt") == null ? "never" : f.get("lastIngestAt"))
                    .append('\n');
            b.append("mode: ").append(f.get("mode")).append('\n');
            b.append("keypad: ").append(Boolean.TRUE.equals(f.get("lockedOut"))
                    ? "LOCKED OUT until " + f.get("lockedOutUntil") : "not locked out").append('\n');
            b.append("battery: ").append(f.get("batteryPercent") == null ? "not reported" : f.get("batteryPercent") + " %")
                    .append('\n');
            List<Map<String, Object>> alarms = (List<Map<String, Object>>) f.get("alarms");
            b.append("alarms: ").append(alarms.size()).append('\n');
            for (Map<String, Object> a : alarms) {
                b.append("  ").append(a.get("code")).append(" at ").append(a.get("at")).append(" (sequence ")
                        .append(a.get("sequence")).append(a.get("slot") == null ? "" : ", slot " + a.get("slot")).append(')')
                        .append(a.get("detail") == null ? "" : ": " + a.get("detail")).append('\n');
            }
            b.append("sync: ").append(Boolean.TRUE.equals(f.get("inSync")) ? "in sync" : "NOT in sync")
                    .append(" (last batch pushed: ").append(f.get("lastPushedBatch") == null ? "none" : f.get("lastPushedBatch"))
                    .append(", last applied: ").append(f.get("lastAppliedBatch") == null ? "none" : f.get("lastAppliedBatch"))
                    .append(")\n");
            List<Map<String, Object>> codes = (List<Map<String, Object>>) f.get("codes");
            b.append("codes: ").append(codes.size());
            for (Map<String, Object> c : codes) {
                b.append('\n').append(String.format(Locale.ROOT, "  slot %-5s %-19s %-9s %-9s %s%s", c.get("slot"),
                        c.get("type"), c.get("status") == null ? "-" : c.get("status"),
                        c.get("sync") == null ? "-" : c.get("sync"), c.get("name") == null ? "-" : c.get("name"),
                        syncDetail(c)));
            }
            return b.toString();
        }

        /** ": REASON (batch N, by NAME, since T)", the parts that are known; empty if none is. */
        private static String syncDetail(Map<String, Object> c) {
            List<String> parts = new ArrayList<>();
            if (c.get("batch") != null) {
                parts.add("batch " + c.get("batch"));
            }
            if (c.get("by") != null) {
                parts.add("by " + c.get("by"));
            }
            if (c.get("since") != null) {
                parts.add("since " + c.get("since"));
            }
            return (c.get("reason") == null ? "" : ": " + c.get("reason"))
                    + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        }
    }

    /** {@code fleet locks}. */
    @Command(name = "locks", description = "List the enrolled locks: last sequence held, last heard from, battery,"
            + " lockout, alarms since the previous ingest.")
    static final class Locks extends BackendCommand {
        @Override
        boolean usesKeyRing() {
            return false;
        }

        @Override
        int execute(Fleet fleet, Console console) {
            List<FleetLock> locks = fleet.locks();
            if (console.json()) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (FleetLock l : locks) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("lock", l.lock());
                    m.put("lastSequence", l.lastSequence());
                    m.put("lastIngestAt", JsonOut.iso(l.lastIngestAt()));
                    m.put("batteryPercent", l.batteryPercent());
                    m.put("lockedOut", l.lockedOut());
                    m.put("alarms", l.alarmsSinceLastIngest());
                    out.add(m);
                }
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("locks", out);
                console.printJson(o);
            } else if (locks.isEmpty()) {
                console.printText("no lock is enrolled with this backend");
            } else {
                StringBuilder b = new StringBuilder();
                for (FleetLock l : locks) {
                    if (b.length() > 0) {
                        b.append('\n');
                    }
                    b.append(String.format(Locale.ROOT, "%-24s sequence %-7d heard %-24s battery %-5s %-12s alarms %d",
                            l.lock(), l.lastSequence(), l.lastIngestAt() == null ? "never" : l.lastIngestAt(),
                            l.batteryPercent() == null ? "-" : l.batteryPercent() + "%",
                            l.lockedOut() ? "LOCKED-OUT" : "", l.alarmsSinceLastIngest()));
                }
                console.printText(b.toString());
            }
            return ExitCodes.OK;
        }
    }
}
