package dev.access.core.audit;

import dev.access.AccessException;
import dev.access.StoreUnavailableException;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/*
 * Implementation notes.
 *
 * The input is spooled to a temporary file first, so it can be read twice (verify, then import)
 * in constant memory. Lines are split exactly as TrailVerifier splits them, so "the export
 * verified" speaks about the very lines imported.
 *
 * One row per trail line: the parsed fields (for queries) and the line's exact text (for a
 * byte-identical export). Two lines are the same event when every field is equal (lock, sequence,
 * type, timestamp, payload, chain): then the import adds nothing and the stored text stays. A
 * different event under a stored (lock, sequence) is a conflict: the whole import rolls back, so
 * the archive never holds part of an import. All writes of one import are one SQLite transaction.
 */
/**
 * The auditor's store of trails: one SQLite file holding verified trail records of any number of
 * locks, {@code PRIMARY KEY (lock, sequence)}.
 *
 * <p>Guarantees: only an export that verifies with the given public keys is imported, in one
 * transaction, and of it only the lines a verified signature covers: events after a lock's last
 * checkpoint are held back (counted, not stored) until an export signs them, so unsigned events
 * never become archive truth and never block the genuine trail; importing the same lines again adds nothing; a line that conflicts with a stored
 * one (same lock and sequence, other content) rejects the whole import and leaves the archive
 * unchanged; {@link #export} writes a lock's lines back byte-identical to what was imported (with
 * {@code \n} line ends, as {@link TrailExport} writes them). The archive holds what exports hold:
 * no PIN, digest or key; and not an export's personal-keys line either (it is verified, then left
 * out): an archive is kept for years, and a copy of a person's key in it would be a copy an erasure
 * cannot reach; names in an archive read as erased, a fresh export of the lock reads them.
 */
public final class TrailArchive implements TrailSource, AutoCloseable {
    private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS trail_record ("
            + "lock TEXT NOT NULL, sequence INTEGER NOT NULL, type TEXT NOT NULL, timestamp TEXT NOT NULL, "
            + "payload TEXT NOT NULL, chain TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (lock, sequence))";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Path file;
    private final Connection db;

    private TrailArchive(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (creating if needed) the archive in {@code file}.
     *
     * @throws IllegalArgumentException naming the file if it cannot be opened as an archive
     */
    public static TrailArchive open(Path file) {
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath();
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=10000");
                st.execute(SCHEMA);
            }
            return new TrailArchive(abs, c);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot open the trail archive " + abs, e);
        }
    }

    /**
     * What an import did.
     *
     * @param lines the lines read
     * @param added the lines stored by this import
     * @param unchanged the lines the archive already held
     * @param heldBack the lines not stored because no signature covers them (after a lock's last
     *     verified checkpoint): a later export that signs them brings them in
     * @param verification the verification report of the export (ok, perhaps with an unsigned tail)
     */
    public record ImportResult(long lines, long added, long unchanged, long heldBack, VerificationReport verification) {
    }

    /** An import refused as a whole: nothing of it was stored. Permanent: the same file is refused again. */
    public static final class ImportRejectedException extends AccessException {
        private static final long serialVersionUID = 1L;
        private final String lock;
        private final long sequence;

        ImportRejectedException(String lock, long sequence, String message) {
            super(message);
            this.lock = lock;
            this.sequence = sequence;
        }

        /** The lock of the offending line, or null. */
        public String lock() {
            return lock;
        }

        /** The sequence number of the offending line, or -1. */
        public long sequence() {
            return sequence;
        }
    }

    /**
     * Verifies an export, then imports it in one transaction.
     *
     * @param keys the trusted public key of each lock (null for an unknown lock)
     * @throws ImportRejectedException naming the first problem if the export fails verification, or
     *     the lock and sequence of the first line that conflicts with the archive; nothing is stored
     * @throws UncheckedIOException if reading fails
     */
    public synchronized ImportResult importTrail(BufferedReader in, Function<String, TrailPublicKey> keys) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(keys, "keys");
        Path spool = null;
        try {
            spool = Files.createTempFile("trail-import", ".jsonl");
            long lines = 0;
            try (Writer w = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
                String line;
                while ((line = TrailReader.readLine(in)) != null) {
                    if (TrailReader.isTooLong(line)) {
                        line = "!";
                    }
                    w.write(line);
                    w.write('\n');
                    lines++;
                }
            }
            VerificationReport report;
            try (BufferedReader r = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                report = TrailVerifier.verify(r, keys);
            }
            if (!report.ok()) {
                TrailProblem first = report.problems().stream().filter(TrailProblem::isFailure).findFirst().orElse(null);
                throw new ImportRejectedException(first == null ? null : first.lock(), first == null ? -1 : first.sequence(),
                        "the export fails verification, nothing was imported: " + (first == null ? "see the report" : first));
            }
            try (BufferedReader r = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                return store(r, lines, report);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // A temporary file left behind holds an export (no secret); nothing to do.
                }
            }
        }
    }

    /**
     * A pruned trail's anchor starts a lock's trail in the archive only if the archive holds nothing of
     * the lock before it: events it lacks up to the anchor are gone, and nothing would link them.
     */
    private void requireNothingBefore(TrailRecord rec, long lineNo) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT MAX(sequence) FROM trail_record WHERE lock = ? AND sequence < ?")) {
            p.setString(1, rec.lock());
            p.setLong(2, rec.sequence());
            try (ResultSet rs = p.executeQuery()) {
                long held = rs.next() ? rs.getLong(1) : -1;
                if (!rs.wasNull() && held >= 0) {
                    throw new ImportRejectedException(rec.lock(), rec.sequence(), "lock '" + rec.lock() + "' was pruned"
                            + " through sequence " + rec.sequence() + " (line " + lineNo + " is its retention anchor), but"
                            + " the archive holds its trail only up to sequence " + held + ": events " + (held + 1) + ".."
                            + rec.sequence() + " are gone; nothing was imported");
                }
            }
        }
    }

    private ImportResult store(BufferedReader r, long lines, VerificationReport report) throws IOException {
        long added = 0;
        long unchanged = 0;
        long heldBack = 0;
        try {
            db.setAutoCommit(false);
            try (PreparedStatement find = db.prepareStatement(
                    "SELECT type, timestamp, payload, chain FROM trail_record WHERE lock = ? AND sequence = ?");
                    PreparedStatement insert = db.prepareStatement("INSERT INTO trail_record "
                            + "(lock, sequence, type, timestamp, payload, chain, line) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                String text;
                long lineNo = 0;
                while ((text = TrailReader.readLine(r)) != null) {
                    lineNo++;
                    TrailReader.Line line = TrailReader.parse(lineNo, text);
                    if (line.isPersonalKeys()) {
                        // Verified, not kept: an archive outlives erasures (see the class comment).
                        continue;
                    }
                    TrailRecord rec = line.record();
                    if (rec == null || rec.chain() == null) {
                        // Verification passed, so this cannot happen; refuse rather than guess.
                        throw new ImportRejectedException(null, -1, "line " + lineNo + " is not a trail record");
                    }
                    // Only what a signature covers becomes archive truth: the events up to a lock's
                    // last verified checkpoint, and that checkpoint line (the next sequence).
                    if (rec.sequence() > report.locks().get(rec.lock()).lastSignedSequence() + 1) {
                        heldBack++;
                        continue;
                    }
                    String ts = timestampText(text, rec);
                    find.setString(1, rec.lock());
                    find.setLong(2, rec.sequence());
                    boolean anchor = rec.type().equals(dev.access.core.trail.TrailAnchored.class.getSimpleName());
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            if (anchor && rs.getString(4).equals(rec.chain())) {
                                // A pruned trail's anchor over the event the archive holds there: it signs
                                // the same chain head; the archive keeps its longer trail.
                                unchanged++;
                                continue;
                            }
                            String diff = difference(rs, rec, ts);
                            if (diff != null) {
                                throw new ImportRejectedException(rec.lock(), rec.sequence(), "lock '" + rec.lock()
                                        + "' sequence " + rec.sequence() + " (line " + lineNo + ") conflicts with the "
                                        + "archive: its " + diff + " differs from the stored event; nothing was imported");
                            }
                            unchanged++;
                            continue;
                        }
                    }
                    if (anchor) {
                        requireNothingBefore(rec, lineNo);
                    }
                    insert.setString(1, rec.lock());
                    insert.setLong(2, rec.sequence());
                    insert.setString(3, rec.type());
                    insert.setString(4, ts);
                    insert.setString(5, rec.payload());
                    insert.setString(6, rec.chain());
                    insert.setString(7, text);
                    insert.executeUpdate();
                    added++;
                }
            }
            db.commit();
            return new ImportResult(lines, added, unchanged, heldBack, report);
        } catch (SQLException e) {
            rollback();
            throw new StoreUnavailableException("importing into " + file + " failed, nothing was imported", e);
        } catch (RuntimeException | IOException e) {
            rollback();
            throw e;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                // The connection is unusable; the next call reports it.
            }
        }
    }

    /** The timestamp exactly as the line wrote it (the record's Instant may print differently). */
    private static String timestampText(String line, TrailRecord rec) {
        try {
            return JSON.readTree(line).get("timestamp").asText();
        } catch (IOException e) {
            return rec.timestamp().toString();
        }
    }

    private static String difference(ResultSet rs, TrailRecord rec, String ts) throws SQLException {
        if (!rs.getString(1).equals(rec.type())) {
            return "type";
        }
        if (!rs.getString(2).equals(ts)) {
            return "timestamp";
        }
        if (!rs.getString(3).equals(rec.payload())) {
            return "payload";
        }
        if (!rs.getString(4).equals(rec.chain())) {
            return "chain";
        }
        return null;
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            // Nothing was committed; SQLite discards the transaction when the connection closes.
        }
    }

    /**
     * Writes a lock's stored lines, by sequence, each exactly as imported and ended by {@code \n}.
     *
     * @return the number of lines written
     */
    public synchronized long export(String lock, Writer out) {
        Objects.requireNonNull(lock, "lock");
        long n = 0;
        try (PreparedStatement st = db.prepareStatement("SELECT line FROM trail_record WHERE lock = ? ORDER BY sequence")) {
            st.setString(1, lock);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.write(rs.getString(1));
                    out.write('\n');
                    n++;
                }
            }
            out.flush();
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading lock '" + lock + "' from " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** Writes a lock's stored lines (see {@link #export(String, Writer)}). */
    public long export(LockId lock, Writer out) {
        return export(lock.value(), out);
    }

    /** Hands a lock's stored records to {@code sink}, by sequence, each as it was imported. */
    @Override
    public synchronized void trail(LockId lock, Consumer<TrailRecord> sink) {
        Objects.requireNonNull(lock, "lock");
        try (PreparedStatement st = db.prepareStatement("SELECT line FROM trail_record WHERE lock = ? ORDER BY sequence")) {
            st.setString(1, lock.value());
            try (ResultSet rs = st.executeQuery()) {
                long n = 0;
                while (rs.next()) {
                    n++;
                    ExportLine.Parsed p = ExportLine.parse(rs.getString(1));
                    if (p.record() == null) {
                        // Only verified lines are stored; a line that no longer parses was changed in the file.
                        throw new MalformedTrailException(n, "stored line of lock '" + lock + "' in " + file
                                + " is no longer a trail record: " + p.problem());
                    }
                    sink.accept(p.record());
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading lock '" + lock + "' from " + file, e);
        }
    }

    /** A lock's stored trail as a history, for replay, reports and diagnosis. */
    public LockHistory history(LockId lock) {
        java.io.StringWriter w = new java.io.StringWriter();
        export(lock.value(), w);
        return TrailReader.history(new BufferedReader(new java.io.StringReader(w.toString())), lock.value());
    }

    /** The locks with stored lines, in id order. */
    public synchronized List<String> locks() {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT DISTINCT lock FROM trail_record ORDER BY lock")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("listing locks in " + file, e);
        }
        return out;
    }

    /** The number of stored lines of a lock. */
    public synchronized long count(String lock) {
        try (PreparedStatement st = db.prepareStatement("SELECT COUNT(*) FROM trail_record WHERE lock = ?")) {
            st.setString(1, lock);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("counting lock '" + lock + "' in " + file, e);
        }
    }

    /** Closes the database file. */
    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreUnavailableException("closing " + file, e);
        }
    }

    @Override
    public String toString() {
        return "TrailArchive[" + file + "]";
    }
}
