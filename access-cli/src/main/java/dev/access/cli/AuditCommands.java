package dev.access.cli;

import dev.access.core.PruneResult;
import dev.access.core.audit.AccessReport;
import dev.access.core.audit.Attempt;
import dev.access.core.audit.ExportFile;
import dev.access.core.audit.HtmlTimeline;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailAnchored;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lockctl audit export|verify|replay|report|prune}: the auditor's toolkit. {@code export} reads
 * the store (and signs a checkpoint first, so the export ends signed); {@code prune} is retention on
 * the store (its key ring signs the anchor); the others read only an export file (and a public key
 * file), never a store or a key ring: an auditor needs nothing else.
 */
@Command(name = "audit", description = "Export a lock's trail, verify an export, replay it to an instant, report on it,"
        + " prune it.",
        subcommands = {AuditCommands.Export.class, AuditCommands.Verify.class, AuditReplay.class,
            AuditCommands.Report.class, AuditCommands.Prune.class})
final class AuditCommands extends CommandGroup {

    /** {@code audit export --lock ID --out FILE [--from-sequence N]}. */
    @Command(name = "export", description = "Sign a checkpoint, then write the lock's trail as JSON Lines to FILE "
            + "(a whole export first carries the keys of the living people it names, so their names can be read) "
            + "and its public key to FILE.pub.")
    static final class Export extends StoreCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "The export to write (JSON Lines); the public key goes to FILE.pub.")
        Path out;

        @Option(names = "--from-sequence", paramLabel = "N",
                description = "Write a segment for a backend: only the records from sequence N on (0: all of them), "
                        + "without the personal keys; a segment always ends with the checkpoint signed now, even when N "
                        + "is beyond the trail's end. Default: the whole export, with the keys of the people it names.")
        Long fromSequence;

        @Override
        void prepare() {
            // Checked before the checkpoint is signed, so an unwritable --out records nothing.
            Path data = LockCtl.globals(spec).data;
            OutputPaths.requireSafe("--out", out, data);
            OutputPaths.requireSafe("--out", AuditFiles.publicKeyFileOf(out), data);
            OutputPaths.requireWritable("--out", out);
            if (fromSequence != null && fromSequence < 0) {
                throw CliError.usage("--from-sequence must be >= 0, was " + fromSequence);
            }
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            Checkpoint checkpoint = session.access().checkpoint(lock);
            TrailPublicKey key = session.access().publicKey(lock);
            // Beyond the trail's end, the segment is the new checkpoint's line (it follows the event it signs).
            boolean whole = fromSequence == null;
            long from = whole ? 0 : Math.min(fromSequence, checkpoint.sequence() + 1);
            long[] lines = {0};
            TrailRecord[] first = {null};
            // The trail's first record says where it starts: a pruned trail at its retention anchor.
            TrailSource source = (l, sink) -> session.access().trail(l, r -> {
                if (first[0] == null) {
                    first[0] = r;
                }
                sink.accept(r);
            });
            // A whole export carries the keys of the living people it names; a segment (for a backend) none.
            AuditFiles.write(out, w -> lines[0] = whole
                    ? TrailExport.write(source, lock, w, session.access().personalKeys(lock))
                    : TrailExport.write(source, lock, w, from));
            int people = whole ? ExportFile.of(out).personalKeys(lock).size() : 0;
            boolean anchored = first[0] != null && first[0].type().equals(TrailAnchored.class.getSimpleName());
            Path pub = AuditFiles.publicKeyFileOf(out);
            AuditFiles.write(pub, w -> w.write(key.export()));
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("events", List.of("TrailCheckpointed"));
                o.put("out", out.toString());
                o.put("publicKey", pub.toString());
                o.put("keyId", key.keyId());
                o.put("lines", lines[0]);
                o.put("signedUpTo", checkpoint.sequence());
                o.put("fromSequence", from);
                o.put("personalKeys", people);
                o.put("anchorSequence", anchored ? first[0].sequence() : null);
                o.put("anchoredAt", anchored ? first[0].timestamp().toString() : null);
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + lock + ": " + lines[0] + " lines"
                        + (from == 0 ? "" : " from sequence " + from)
                        + (anchored ? " (the trail starts at its retention anchor at sequence " + first[0].sequence()
                                + ", signed at " + first[0].timestamp() + ": pruned before it)" : "") + " to " + out
                        + " (signed checkpoint after sequence " + checkpoint.sequence() + "); public key "
                        + key.keyId() + " to " + pub + (whole ? "; names readable: " + people + " people" : ""));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code audit prune --lock ID --before INSTANT}. */
    @Command(name = "prune", description = "Retention: delete the lock's trail records stamped before INSTANT, keeping a"
            + " signed anchor (the lock's state there) at the start of its trail; exports then start at it and verify.")
    static final class Prune extends StoreCommand {
        @picocli.CommandLine.Mixin
        ActorOption by;

        @Option(names = "--before", required = true, paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "Remove the records stamped before this instant (ISO-8601, e.g. 2025-06-01T00:00:00Z).")
        Instant before;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            PruneResult r = session.access().pruneTrail(lock, before, by.local());
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", lock.value());
                o.put("removed", r.removed());
                o.put("before", before.toString());
                o.put("anchorSequence", r.anchorSequence() < 0 ? null : r.anchorSequence());
                o.put("anchoredAt", r.anchoredAt() == null ? null : r.anchoredAt().toString());
                o.put("through", r.through() == null ? null : r.through().toString());
                o.put("firstSequence", r.firstSequence() < 0 ? null : r.firstSequence());
                o.put("chainHead", r.chainHead());
                o.put("keyId", r.keyId());
                console.printJson(o);
            } else if (r.removed() == 0) {
                console.printText(commandName() + ": lock " + lock + ": 0 records removed: nothing before " + before
                        + (r.anchorSequence() < 0 ? "" : " (the trail starts at its anchor at sequence " + r.anchorSequence()
                                + ", signed at " + r.anchoredAt() + ")"));
            } else {
                console.printText(commandName() + ": lock " + lock + ": " + r.removed() + " records removed (sequences "
                        + r.firstSequence() + " to " + r.anchorSequence() + "); the trail now starts at a retention anchor"
                        + " at sequence " + r.anchorSequence() + ", signed at " + r.anchoredAt() + " with key " + r.keyId()
                        + ", holding the lock's state through " + r.through());
            }
            return ExitCodes.OK;
        }
    }

    /**
     * A command on an export file alone: no store, no key ring. Same conventions as
     * {@link StoreCommand}: one JSON object or text on standard output, one line on standard error
     * for a failure.
     */
    abstract static class FileCommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The export (JSON Lines, as audit export writes it).")
        Path file;

        @Override
        final int run(GlobalOptions g, Console console) {
            return execute(console);
        }

        abstract int execute(Console console);
    }

    /** {@code audit verify FILE [--public-key KEYFILE] [--key-id ID] [--require-signed-through INSTANT] [--min-sequence N]}. */
    @Command(name = "verify", description = "Verify an export with the lock's public key alone: exit 0 if it is "
            + "intact and signed (and meets the policy options), 5 if any line was modified, deleted, inserted or "
            + "reordered, a signature fails, nothing is signed, or the policy is not met.")
    static final class Verify extends FileCommand {
        @Option(names = "--public-key", paramLabel = "KEYFILE",
                description = "The public key you trust for the lock (default: FILE.pub, the file beside the export).")
        Path publicKey;

        @Option(names = "--key-id", paramLabel = "ID",
                description = "Require the public key to have this key id (16 hex digits, as the owner gave it).")
        String keyId;

        @Option(names = "--require-signed-through", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
                description = "Fail unless the latest signature was made at or after INSTANT (refuses an export cut "
                        + "before then).")
        Instant signedThrough;

        @Option(names = "--min-sequence", paramLabel = "N",
                description = "Fail unless signatures cover the events up to sequence N at least.")
        Long minSequence;

        @Override
        int execute(Console console) {
            if (keyId != null && !keyId.matches("[0-9a-f]{16}")) {
                throw CliError.usage("--key-id '" + ExitCodes.oneLine(keyId.length() > 40 ? keyId.substring(0, 40) : keyId)
                        + "' is not a key id (16 lower-case hex digits)");
            }
            if (minSequence != null && minSequence < 0) {
                throw CliError.usage("--min-sequence must be >= 0, was " + minSequence);
            }
            Path keyFile = publicKey != null ? publicKey : AuditFiles.publicKeyFileOf(file);
            VerificationReport r;
            TrailPublicKey key;
            try (BufferedReader in = AuditFiles.openExport(file)) {
                key = AuditFiles.readPublicKey(keyFile);
                r = TrailVerifier.verify(in, lock -> key.lockId().equals(lock) ? key : null,
                        new TrailVerifier.Policy(signedThrough, minSequence == null ? -1 : minSequence));
            } catch (IOException | UncheckedIOException e) {
                throw CliError.environment("cannot read the export " + file + ": "
                        + dev.access.Causes.plain(e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e), e);
            }
            boolean keyAccepted = keyId == null || keyId.equals(key.keyId());
            Trust trust = new Trust(key, keyFile, publicKey == null, keyId, keyAccepted);
            if (console.json()) {
                console.printJson(json(r, trust));
            } else {
                console.printText(text(file, trust, r));
            }
            return r.ok() && keyAccepted ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
        }

        /**
         * The key the verdict rests on.
         *
         * @param key the public key used
         * @param file where it was read from
         * @param besideExport whether it is the default file beside the export (not given by the auditor)
         * @param required the key id the auditor required, or null
         * @param accepted whether the key has the required id (true when none was required)
         */
        record Trust(TrailPublicKey key, Path file, boolean besideExport, String required, boolean accepted) {
        }

        /** The report as JSON-ready facts: ok, the key it rests on, lines, problems, locks. */
        static Map<String, Object> json(VerificationReport r, Trust trust) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("ok", r.ok() && trust.accepted());
            o.put("keyId", trust.key().keyId());
            o.put("keyLock", trust.key().lockId());
            o.put("publicKey", trust.file().toString());
            o.put("publicKeyBesideExport", trust.besideExport());
            o.put("requiredKeyId", trust.required());
            o.put("lines", r.lines());
            List<Map<String, Object>> problems = new ArrayList<>();
            for (TrailProblem p : r.problems()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", p.line());
                m.put("lock", p.lock());
                m.put("sequence", p.sequence());
                m.put("kind", p.kind().name());
                m.put("message", p.message());
                problems.add(m);
            }
            o.put("problems", problems);
            Map<String, Object> locks = new LinkedHashMap<>();
            r.locks().forEach((lock, s) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("events", s.events());
                m.put("lastSequence", s.lastSequence());
                m.put("checkpoints", s.checkpoints());
                m.put("lastSignedSequence", s.lastSignedSequence());
                m.put("lastSignedAt", s.lastSignedAt() == null ? null : s.lastSignedAt().toString());
                m.put("signed", s.signed());
                m.put("personalKeys", s.readablePeople());
                m.put("unreadablePeople", s.unreadablePeople());
                m.put("anchorSequence", s.anchored() ? s.anchorSequence() : null);
                m.put("anchoredAt", s.anchoredAt() == null ? null : s.anchoredAt().toString());
                locks.put(lock, m);
            });
            o.put("locks", locks);
            return o;
        }

        /** The report as text: the verdict, the key, each lock, then each problem on its own line. */
        static String text(Path file, Trust trust, VerificationReport r) {
            StringBuilder b = new StringBuilder();
            TrailPublicKey key = trust.key();
            long failures = r.problems().stream().filter(TrailProblem::isFailure).count()
                    + (trust.accepted() ? 0 : 1);
            if (r.ok() && trust.accepted()) {
                b.append(file).append(": OK, ").append(r.lines()).append(" lines verified with public key ")
                        .append(key.keyId()).append(" of lock ").append(key.lockId());
            } else {
                b.append(file).append(": FAILED verification, ").append(failures).append(" problem(s) in ")
                        .append(r.lines()).append(" lines");
            }
            b.append("\nkey ").append(key.keyId()).append(" of lock ").append(key.lockId()).append(" from ")
                    .append(trust.file());
            if (!trust.accepted()) {
                b.append(": NOT the required key ").append(trust.required());
            } else if (trust.required() != null) {
                b.append(": the required key");
            } else if (trust.besideExport()) {
                b.append(" (the file beside the export: confirm the key id with the lock's owner, or give --key-id)");
            }
            r.locks().forEach((lock, s) -> b.append("\nlock ").append(lock).append(": ").append(s.events())
                    .append(" lines, ").append(s.anchored() ? "starts at a retention anchor at sequence "
                            + s.anchorSequence() + " signed at " + s.anchoredAt() + " (pruned before it), " : "")
                    .append("last sequence ").append(s.lastSequence()).append(", ").append(s.checkpoints())
                    .append(" signed checkpoint(s), ").append(s.signed()
                            ? "signed up to sequence " + s.lastSignedSequence() + " at " + s.lastSignedAt()
                            : "chained but unsigned: nothing verified by signature")
                    .append("; names readable: ").append(s.readablePeople()).append(" people")
                    .append(s.unreadablePeople() == 0 ? ""
                            : ", " + s.unreadablePeople() + " erased (their keys are not in the export)"));
            for (TrailProblem p : r.problems()) {
                b.append('\n').append(line(p));
            }
            return b.toString();
        }

        /** {@code line 12 (lock front, sequence 11): MODIFIED_EVENT: ...}; warnings say so. */
        static String line(TrailProblem p) {
            StringBuilder b = new StringBuilder(p.isFailure() ? "" : "warning: ");
            b.append(p.line() > 0 ? "line " + p.line() : "the export as a whole");
            if (p.lock() != null) {
                b.append(" (lock ").append(p.lock());
                if (p.sequence() >= 0) {
                    b.append(", sequence ").append(p.sequence());
                }
                b.append(')');
            }
            return b.append(": ").append(p.kind()).append(": ").append(ExitCodes.oneLine(p.message())).toString();
        }
    }

    /** A report format. */
    enum ReportFormat {
        CSV, JSON, HTML
    }

    /** {@code csv}, {@code json} or {@code html}. */
    static final class ReportFormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return Converters.kebab(ReportFormat.class, EnumSet.allOf(ReportFormat.class), value);
        }
    }

    /** {@code audit report FILE --format csv|json|html --out FILE [--lock ID]}. */
    @Command(name = "report", description = "Write every entry attempt of the export as CSV or JSON, or the whole "
            + "trail as one self-contained HTML page.")
    static final class Report extends FileCommand {
        @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = ReportFormatConverter.class,
                description = "csv, json (the attempts) or html (a timeline of the whole trail, readable offline).")
        ReportFormat format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report to write.")
        Path out;

        @Option(names = "--lock", paramLabel = "ID", converter = Converters.LockIdConverter.class,
                description = "The lock, if the export holds several.")
        LockId lock;

        @Override
        int execute(Console console) {
            OutputPaths.requireSafe("--out", out, LockCtl.globals(spec).data, file);
            LockHistory h = AuditFiles.history(file, lock == null ? null : lock.value());
            List<Attempt> attempts = Replay.attempts(h);
            AuditFiles.write(out, w -> {
                switch (format) {
                    case CSV -> AccessReport.writeCsv(attempts, w);
                    case JSON -> AccessReport.writeJson(attempts, w);
                    default -> HtmlTimeline.write(h, w);
                }
            });
            String name = format.name().toLowerCase(Locale.ROOT);
            if (console.json()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("ok", true);
                o.put("command", commandName());
                o.put("lock", h.lock());
                o.put("format", name);
                o.put("out", out.toString());
                o.put("attempts", attempts.size());
                o.put("unreadableLines", h.problems().size());
                console.printJson(o);
            } else {
                console.printText(commandName() + ": lock " + h.lock() + ": " + attempts.size() + " attempts, "
                        + name + " report written to " + out + (h.problems().isEmpty() ? ""
                                : " (" + h.problems().size() + " unreadable line(s) left out)"));
            }
            return ExitCodes.OK;
        }
    }
}
