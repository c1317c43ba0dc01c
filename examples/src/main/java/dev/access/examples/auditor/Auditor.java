package dev.access.examples.auditor;

import dev.access.core.audit.AccessReport;
import dev.access.core.audit.Attempt;
import dev.access.core.audit.Diagnosis;
import dev.access.core.audit.Finding;
import dev.access.core.audit.FindingRenderer;
import dev.access.core.audit.HtmlTimeline;
import dev.access.core.audit.LockHistory;
import dev.access.core.audit.Replay;
import dev.access.core.audit.ReplayView;
import dev.access.core.audit.TrailArchive;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailReader;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OfflineCode;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Example: an auditor's workstation. The auditor receives two files from a lock's owner: the
 * lock's trail as a JSON Lines export ({@code lockctl audit export}) and the lock's public key file,
 * whose key id they confirm with the owner out of band. They need no database, no PIN key and no
 * access to the lock; the library's {@code dev.access.core.audit} package does the rest:
 *
 * <ol>
 *   <li>verify the export with the public key alone ({@link TrailVerifier}): any line modified,
 *       deleted, inserted or reordered before the last signed checkpoint is found and named; a
 *       failed export stops here;
 *   <li>replay it to an instant ({@link Replay}): who could open this door at T (each code's own
 *       verdict and the lock-wide state, and the offline codes the trail names), and who did (the
 *       attempts of that day up to T, an offline code's by its public id and window);
 *   <li>write the reports ({@link AccessReport} as CSV and JSON, {@link HtmlTimeline} as one
 *       self-contained HTML page) into the output directory;
 *   <li>import the export into the auditor's {@link TrailArchive} ({@code archive.db} in the
 *       output directory), verified again and idempotent: running the auditor again adds nothing;
 *   <li>diagnose the latest code that failed at or before T ({@link Diagnosis}), from the archive.
 * </ol>
 *
 * <p>Run: {@code java -cp CLASSPATH dev.access.examples.auditor.Auditor EXPORT PUBLIC_KEY INSTANT OUT_DIR}
 * (exit 0 when the export verified and every step ran, 1 when it failed verification), where
 * CLASSPATH holds access-core, access-crypto, Jackson, Bouncy Castle and the SQLite driver (for the
 * archive): the Axon runtime is not needed, as {@code AuditorWithoutAxonTest} shows.
 */
public final class Auditor {
    /** The CSV report's file name in the output directory. */
    public static final String CSV = "attempts.csv";
    /** The JSON report's file name. */
    public static final String JSON = "attempts.json";
    /** The HTML timeline's file name. */
    public static final String HTML = "timeline.html";
    /** The archive's file name. */
    public static final String ARCHIVE = "archive.db";

    private final Path export;
    private final Path publicKey;
    private final Path outDir;
    private final PrintStream out;

    /** An auditor of {@code export}, trusting the key in {@code publicKey}, writing into {@code outDir}. */
    public Auditor(Path export, Path publicKey, Path outDir, PrintStream out) {
        this.export = export;
        this.publicKey = publicKey;
        this.outDir = outDir;
        this.out = out;
    }

    /** An offline code as the auditor shows it: its public id and window in the lock's time. */
    static String offlineCode(OfflineCode c, DateTimeFormatter fmt) {
        return "offline code " + c.id() + " (valid " + fmt.format(c.from()) + " to " + fmt.format(c.until())
                + (c.daily() == null ? "" : ", daily " + c.daily()) + (c.oneTime() ? ", one-time" : "") + ")";
    }

    /** Runs the audit: {@code EXPORT PUBLIC_KEY INSTANT OUT_DIR}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: Auditor EXPORT PUBLIC_KEY INSTANT OUT_DIR");
            System.exit(2);
        }
        System.exit(new Auditor(Path.of(args[0]), Path.of(args[1]), Path.of(args[3]), System.out)
                .run(Instant.parse(args[2])));
    }

    /**
     * Verifies, replays to {@code at}, reports, archives and diagnoses.
     *
     * @return 0 if the export verified (and every step ran), 1 if it failed verification
     */
    public int run(Instant at) throws IOException {
        TrailPublicKey key = TrailPublicKey.parse(Files.readString(publicKey, StandardCharsets.UTF_8));
        LockId lock = LockId.of(key.lockId());
        out.println("trusting key " + key.keyId() + " for lock " + lock + " (confirm the key id with the owner)");

        // 1. Verify with the public key alone.
        VerificationReport report;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            report = TrailVerifier.verify(in, id -> key.lockId().equals(id) ? key : null);
        }
        VerificationReport.LockSummary summary = report.locks().get(lock.value());
        out.println("verify: " + (report.ok() ? "OK" : "FAILED") + ", " + report.lines() + " lines"
                + (summary == null ? "" : (summary.signed() ? ", signed up to sequence " + summary.lastSignedSequence()
                        + " at " + summary.lastSignedAt() : ", nothing signed") + "; names readable: "
                        + summary.readablePeople() + " people" + (summary.unreadablePeople() == 0 ? ""
                                : ", " + summary.unreadablePeople() + " erased")));
        for (TrailProblem p : report.problems()) {
            out.println("  " + (p.isFailure() ? "" : "warning: ") + p);
        }
        if (!report.ok()) {
            out.println("the export cannot be trusted: nothing else is done");
            return 1;
        }

        // 2. Replay to the instant: who could open the door then, and who did.
        LockHistory history;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            history = TrailReader.history(in, lock.value());
        }
        ReplayView view = Replay.at(history, at);
        ZoneId zone = view.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(view.timeZone());
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
        out.println("at " + fmt.format(at) + " (" + zone + "): mode " + view.mode()
                + (view.lockedOutUntil() == null ? "" : ", keypad locked out until " + fmt.format(view.lockedOutUntil()))
                + ", clock " + (view.clockTrusted() ? "trusted" : "untrusted")
                + ", battery " + (view.batteryPercent() == null ? "not reported" : view.batteryPercent() + " %"));
        out.println("who could open this door then:");
        for (ReplayView.SlotView s : view.slots()) {
            out.println("  slot " + s.slot() + " " + (s.name() == null ? "(no name)" : s.name()) + " (" + s.type() + "): "
                    + (s.opens() ? "could open" : s.valid() ? "valid, but refused: " + s.outcomeReason()
                            : "could not open: " + s.reason()));
        }
        ReplayView.OfflineView offline = view.offline();
        if (offline != null) {
            out.println("offline codes (" + offline.codeLength() + " digits, issuing-key generation "
                    + offline.generation() + "; " + offline.revoked().size() + " revoked, " + offline.used().size()
                    + " used one-time code(s) remembered), as the trail names them:");
            for (ReplayView.OfflineCodeView c : offline.codes()) {
                out.println("  " + offlineCode(c.code(), fmt) + ": " + (c.opens() ? "could open" : c.valid()
                        ? "valid, but refused: " + c.outcomeReason() : "could not open: " + c.reason()));
            }
        }
        Instant dayStart = at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        List<Attempt> day = Replay.attempts(history, dayStart, at.plusNanos(1));
        out.println("who did (that day, up to then): " + day.size() + " attempt(s)");
        for (Attempt a : day) {
            out.println("  " + fmt.format(a.at()) + " " + a.outcome() + (a.reason() == null ? "" : " " + a.reason())
                    + (a.offlineCode() != null ? " " + offlineCode(a.offlineCode(), fmt)
                            : a.slot() == null ? " (no known code)" : " slot " + a.slot()
                            + (a.user() == null ? "" : " " + a.user())));
        }

        // 3. The reports.
        Files.createDirectories(outDir);
        List<Attempt> all = Replay.attempts(history);
        try (Writer w = Files.newBufferedWriter(outDir.resolve(CSV), StandardCharsets.UTF_8)) {
            AccessReport.writeCsv(all, w);
        }
        try (Writer w = Files.newBufferedWriter(outDir.resolve(JSON), StandardCharsets.UTF_8)) {
            AccessReport.writeJson(all, w);
        }
        try (Writer w = Files.newBufferedWriter(outDir.resolve(HTML), StandardCharsets.UTF_8)) {
            HtmlTimeline.write(history, w);
        }
        out.println("reports: " + all.size() + " attempts in " + CSV + " and " + JSON + "; the timeline in " + HTML);

        // 4. The archive: verified again on import, idempotent.
        LockHistory archived;
        try (TrailArchive archive = TrailArchive.open(outDir.resolve(ARCHIVE));
                BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            TrailArchive.ImportResult r = archive.importTrail(in, id -> key.lockId().equals(id) ? key : null);
            out.println("archive: " + r.added() + " lines added, " + r.unchanged() + " already held"
                    + (r.heldBack() == 0 ? "" : ", " + r.heldBack() + " unsigned held back") + "; lock " + lock
                    + " has " + archive.count(lock.value()) + " lines in " + ARCHIVE);
            // An archive keeps no personal keys: the names are read with those the export carries.
            archived = archive.history(lock).withNames(history.names());
        }

        // 5. Diagnose the latest code that failed at or before the instant (or the lock as a whole).
        Attempt failed = null;
        for (Attempt a : Replay.attempts(archived, Instant.MIN, at.plusNanos(1))) {
            if (!a.granted() && a.slot() != null) {
                failed = a;
            }
        }
        Diagnosis.Question q = failed == null ? Diagnosis.Question.at(at)
                : Diagnosis.Question.at(failed.at()).slot(failed.slot());
        out.println(failed == null ? "diagnosis of the lock at " + fmt.format(at) + ":"
                : "diagnosis of slot " + failed.slot() + ", refused " + failed.reason() + " at " + fmt.format(failed.at())
                        + ":");
        FindingRenderer words = FindingRenderer.english();
        for (Finding f : Diagnosis.diagnose(archived, q)) {
            out.println("  " + f.code() + ": " + words.summary(f));
            out.println("    next step: " + words.nextStep(f));
        }
        return 0;
    }
}
