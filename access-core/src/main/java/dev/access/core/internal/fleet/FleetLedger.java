package dev.access.core.internal.fleet;

import dev.access.core.audit.ParsedLine;
import dev.access.core.audit.TrailProblem;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.audit.TrailReader;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.EnrollmentRejectedException;
import dev.access.core.fleet.FleetAlarm;
import dev.access.core.fleet.LockNotEnrolledException;
import dev.access.core.fleet.Registration;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.core.fleet.IngestResult;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.ChainHead;
import dev.access.crypto.TrailPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/*
 * Implementation notes: the ingest of a segment, in one transaction holding the lock's row.
 *
 * 1. Overlap. The segment's leading records whose sequence the backend holds (<= H, the last held)
 *    must be the held events (type, timestamp, payload and chain equal). The first that differs is a
 *    FORK when the lock's key signs the segment's version (a checkpoint of the segment, verified as a
 *    continuation of the differing record's own chain value, covers it) and its chain value differs:
 *    nobody but the lock can sign a head that descends from another event at that sequence. Otherwise
 *    it is a line changed on the way (MODIFIED_EVENT), which raises no alarm.
 * 2. Continuity. The rest is verified by TrailVerifier.verifyContinuation from (H + 1, head at H),
 *    preceded by the held-back tail of an earlier segment when the rest starts inside or right after
 *    it and agrees with it (otherwise that unsigned tail is dropped: it was never evidence). A later
 *    start is MISSING_EVENTS naming the range; every failure refuses the whole segment.
 * Retention. A lock that pruned its trail exports it from its anchor (TrailAnchored, where its trail
 *    now starts). A backend that holds nothing of the lock yet takes the anchor as the start of its
 *    copy, once it verifies (verifyContinuation from 0 treats it as a verify does). A backend whose
 *    copy reaches the cut already keeps its own events: an anchor in the overlap is accepted when it
 *    verifies and signs the held chain head at its sequence, and is not stored. A backend whose copy
 *    ends before the cut refuses every segment that starts at the anchor (ANCHOR_MISPLACED naming the
 *    removed range): the events it lacks are gone, and nothing links its copy to the anchor.
 * 3. Signed part. Records up to the last verified checkpoint (its line included) are stored; the
 *    records after it replace the held-back tail. An enrollment anchor (a chain head the lock signed
 *    at enrollment) inside the stored range must match, or the segment is a FORK.
 * A FORK is recorded as an alarm in a transaction of its own, after the segment's is rolled back.
 */
/** Internal: enrollments, ingests and reads of the backend's copy of each lock's trail. */
public final class FleetLedger {
    private static final String CHECKPOINT = TrailCheckpointed.class.getSimpleName();
    private static final String ANCHOR = dev.access.core.trail.TrailAnchored.class.getSimpleName();

    private final FleetTables tables;

    /** The ledger over {@code tables}. */
    public FleetLedger(FleetTables tables) {
        this.tables = tables;
    }

    // ---------------------------------------------------------------- enrollment

    /**
     * Registers an enrollment whose signature was verified, for the backend {@code backendKeyId}.
     *
     * @throws EnrollmentRejectedException as that exception documents
     */
    public Registration register(Enrollment e, String backendKeyId, Instant now) {
        if (!backendKeyId.equals(e.backendKeyId())) {
            throw new EnrollmentRejectedException("the enrollment of lock '" + e.lock() + "' names backend "
                    + e.backendKeyId() + ", this backend is " + backendKeyId + ": nothing was recorded");
        }
        String[] forkDetail = new String[1];
        try {
            return tables.inTransaction("registering lock '" + e.lock() + "'", c -> {
                String lock = e.lock();
                boolean known = tables.lockRow(c, lock);
                if (known) {
                    String key = queryString(c, "SELECT trail_key FROM fleet_lock WHERE lock = ?", lock);
                    if (!key.equals(e.trailKey().base64())) {
                        throw new EnrollmentRejectedException("lock '" + lock + "' enrolled before with trail key "
                                + TrailPublicKey.of(lock, key).keyId() + "; this enrollment carries key "
                                + e.trailKey().keyId() + ": nothing was recorded");
                    }
                    Long maxEpoch = queryLong(c, "SELECT MAX(key_epoch) FROM fleet_enrollment WHERE lock = ?", lock);
                    if (maxEpoch != null && e.keyEpoch() < maxEpoch) {
                        throw new EnrollmentRejectedException("lock '" + lock + "' already enrolled with key epoch "
                                + maxEpoch + "; this enrollment is for the older epoch " + e.keyEpoch()
                                + ": nothing was recorded");
                    }
                } else {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO fleet_lock (lock, trail_key, last_sequence,"
                            + " last_chain, last_event_at, last_ingest_at, alarms_last_ingest) VALUES (?, ?, -1, NULL, NULL, NULL, 0)")) {
                        p.setString(1, lock);
                        p.setString(2, e.trailKey().base64());
                        p.executeUpdate();
                    }
                }
                String held = heldChain(c, lock, e.sequence());
                if (held != null && !held.equals(e.chainHead())) {
                    forkDetail[0] = "the enrollment signed at sequence " + e.sequence() + " chain head "
                            + e.chainHead().substring(0, 16) + "…, the trail held there has " + held.substring(0, 16) + "…";
                    throw new ForkFound(lock, e.sequence(), forkDetail[0]);
                }
                String doc = queryString(c, "SELECT document FROM fleet_enrollment WHERE lock = ? AND key_epoch = ? AND sequence = ?",
                        lock, e.keyEpoch(), e.sequence());
                if (doc != null) {
                    if (!doc.equals(e.toText())) {
                        Enrollment stored = Enrollment.parse(doc);
                        if (!stored.chainHead().equals(e.chainHead())) {
                            throw new ForkFound(lock, e.sequence(), "two enrollments signed at sequence " + e.sequence()
                                    + " anchor different chain heads");
                        }
                    }
                    return new Registration(lock, e.keyEpoch(), e.sequence(), false, false);
                }
                boolean newEpoch = queryLong(c, "SELECT COUNT(*) FROM fleet_enrollment WHERE lock = ? AND key_epoch = ?",
                        lock, e.keyEpoch()) == 0;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO fleet_enrollment (lock, key_epoch, sequence,"
                        + " chain_head, sealing_key, enrolled_at, registered_at, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, lock);
                    p.setInt(2, e.keyEpoch());
                    p.setLong(3, e.sequence());
                    p.setString(4, e.chainHead());
                    p.setString(5, e.sealingKey().base64());
                    p.setString(6, e.at().toString());
                    p.setString(7, now.toString());
                    p.setString(8, e.toText());
                    p.executeUpdate();
                }
                FleetOffline.storeKey(c, e, now);
                return new Registration(lock, e.keyEpoch(), e.sequence(), true, newEpoch);
            });
        } catch (ForkFound f) {
            recordFork(f, now);
            throw new EnrollmentRejectedException("lock '" + e.lock() + "' signed a trail that differs from the one this"
                    + " backend holds (" + f.detail + "); recorded as a FORK alarm, nothing else was recorded");
        }
    }

    // ---------------------------------------------------------------- ingest

    /** A fork found inside a transaction: rolls it back, then is recorded as an alarm. */
    private static final class ForkFound extends dev.access.AccessException {
        private static final long serialVersionUID = 1L;
        final String lock;
        final long sequence;
        final String detail;

        ForkFound(String lock, long sequence, String detail) {
            super(detail);
            this.lock = lock;
            this.sequence = sequence;
            this.detail = detail;
        }
    }

    /**
     * Ingests a segment's lines (as {@link TrailReader#readLine} reads them).
     *
     * @throws SegmentRejectedException if anything is wrong with it; nothing is stored
     * @throws LockNotEnrolledException if its lock is not enrolled
     */
    public IngestResult ingest(List<String> texts, Instant now) {
        // Each line is parsed once, here (on the common pool beside this thread); the verification
        // below takes the parsed lines as they are.
        List<ParsedLine> parsed = ParsedLine.parseAll(texts);
        List<ParsedLine> lines = new ArrayList<>(texts.size());
        List<TrailProblem> problems = new ArrayList<>();
        String lock = null;
        long n = 0;
        for (ParsedLine line : parsed) {
            n++;
            if (lock == null && lines.isEmpty() && line.isPersonalKeys()) {
                // A whole export starts with its personal-keys line: a backend keeps no names' keys.
                continue;
            }
            TrailRecord r = line.record();
            if (r == null) {
                problems.add(new TrailProblem(n, null, -1, Kind.MALFORMED_LINE, line.isTooLong()
                        ? "longer than " + TrailVerifier.MAX_LINE + " characters" : "not a trail record"));
                continue;
            }
            if (lock == null) {
                lock = r.lock();
            } else if (!lock.equals(r.lock())) {
                problems.add(new TrailProblem(n, shorten(r.lock()), r.sequence(), Kind.UNKNOWN_LOCK,
                        "a segment holds one lock's trail: line " + n + " is of lock '" + shorten(r.lock())
                        + "', the segment's is '" + shorten(lock) + "'"));
                continue;
            }
            lines.add(line);
        }
        if (texts.isEmpty()) {
            problems.add(new TrailProblem(0, null, -1, Kind.MALFORMED_LINE, "the segment is empty"));
        } else if (lines.isEmpty() && problems.isEmpty()) {
            problems.add(new TrailProblem(0, null, -1, Kind.MALFORMED_LINE, "the segment holds no trail record"));
        }
        if (!problems.isEmpty()) {
            throw new SegmentRejectedException(lock, problems);
        }
        String segmentLock = lock;
        try {
            return tables.inTransaction("ingesting a segment of lock '" + segmentLock + "'",
                    c -> ingest(c, segmentLock, lines, texts.size(), now));
        } catch (ForkFound f) {
            recordFork(f, now);
            throw new SegmentRejectedException(segmentLock, List.of(new TrailProblem(0, segmentLock, f.sequence, Kind.FORK,
                    f.detail + "; recorded as an alarm on the lock")));
        }
    }

    /** Rows per INSERT statement when storing a segment: 5 parameters each, well under every driver's limit. */
    private static final int ROWS_PER_INSERT = 64;

    /**
     * Stores lines in fleet_trail with multi-row INSERTs ({@value #ROWS_PER_INSERT} rows a statement,
     * one statement for the rest): one round trip per block of rows instead of one per row.
     */
    private static void insertTrail(Connection c, String lock, List<ParsedLine> lines) throws SQLException {
        int full = lines.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement ins = c.prepareStatement(insertTrailSql(ROWS_PER_INSERT))) {
                for (int i = 0; i < full; i += ROWS_PER_INSERT) {
                    bindTrailRows(ins, lock, lines.subList(i, i + ROWS_PER_INSERT));
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
        if (full < lines.size()) {
            try (PreparedStatement ins = c.prepareStatement(insertTrailSql(lines.size() - full))) {
                bindTrailRows(ins, lock, lines.subList(full, lines.size()));
                ins.executeUpdate();
            }
        }
    }

    private static String insertTrailSql(int rows) {
        StringBuilder sb = new StringBuilder("INSERT INTO fleet_trail (lock, sequence, type, chain, line) VALUES ");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        return sb.toString();
    }

    private static void bindTrailRows(PreparedStatement ins, String lock, List<ParsedLine> rows) throws SQLException {
        int k = 1;
        for (ParsedLine l : rows) {
            TrailRecord r = l.record();
            ins.setString(k++, lock);
            ins.setLong(k++, r.sequence());
            ins.setString(k++, r.type());
            ins.setString(k++, r.chain());
            ins.setString(k++, l.text());
        }
    }

    private IngestResult ingest(Connection c, String lock, List<ParsedLine> lines, long lineCount, Instant now) throws SQLException {
        if (!tables.lockRow(c, lock)) {
            throw new LockNotEnrolledException(lock);
        }
        long held;
        String heldHead;
        TrailPublicKey key;
        try (PreparedStatement p = c.prepareStatement("SELECT trail_key, last_sequence, last_chain FROM fleet_lock WHERE lock = ?")) {
            p.setString(1, lock);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                key = TrailPublicKey.of(lock, r.getString(1));
                held = r.getLong(2);
                heldHead = r.getString(3);
            }
        }
        // 1. The overlap with the held trail.
        int k = 0;
        while (k < lines.size() && lines.get(k).record().sequence() <= held) {
            k++;
        }
        if (k > 0) {
            checkOverlap(c, lock, key, lines, k);
        }
        List<ParsedLine> rest = lines.subList(k, lines.size());
        if (rest.isEmpty()) {
            touch(c, lock, now);
            return new IngestResult(lock, lineCount, 0, k, 0, held, List.of());
        }
        // 2. Continuity, with the held-back tail when the segment goes on from it.
        List<ParsedLine> pending = pending(c, lock, held);
        List<ParsedLine> feed = withPending(pending, rest);
        ChainHead start = heldHead == null ? ChainHead.GENESIS : ChainHead.fromHex(heldHead);
        VerificationReport report = verify(feed, lock, key, held + 1, start);
        if (!report.ok() && feed.size() > rest.size()) {
            feed = rest;
            report = verify(feed, lock, key, held + 1, start);
        }
        if (!report.ok()) {
            List<TrailProblem> failures = new ArrayList<>();
            report.problems().stream().filter(TrailProblem::isFailure).forEach(failures::add);
            throw new SegmentRejectedException(lock, failures);
        }
        // 3. The signed part is stored; the rest is held back.
        VerificationReport.LockSummary summary = report.locks().get(lock);
        long storeUpTo = summary.checkpoints() > 0 ? summary.lastSignedSequence() + 1
                : summary.anchored() ? summary.anchorSequence() : held;
        checkAnchors(c, lock, feed, held, storeUpTo);
        long stored = 0;
        long heldBack = 0;
        int alarms = 0;
        ParsedLine last = null;
        Instant lastEventAt = null;
        List<ParsedLine> toStore = new ArrayList<>(feed.size());
        for (ParsedLine l : feed) {
            TrailRecord r = l.record();
            if (r.sequence() > storeUpTo) {
                heldBack++;
                continue;
            }
            toStore.add(l);
            stored++;
            last = l;
            if (!CHECKPOINT.equals(r.type()) && !ANCHOR.equals(r.type())) {
                lastEventAt = r.timestamp();
            }
            if ("AlarmRaised".equals(r.type())) {
                alarms++;
            }
        }
        insertTrail(c, lock, toStore);
        replacePending(c, lock, feed, storeUpTo);
        if (stored == 0) {
            touch(c, lock, now);
            return new IngestResult(lock, lineCount, 0, k, heldBack, held, report.problems());
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE fleet_lock SET last_sequence = ?, last_chain = ?,"
                + " last_event_at = COALESCE(?, last_event_at), last_ingest_at = ?, alarms_last_ingest = ? WHERE lock = ?")) {
            p.setLong(1, storeUpTo);
            p.setString(2, last.record().chain());
            p.setString(3, lastEventAt == null ? null : lastEventAt.toString());
            p.setString(4, now.toString());
            p.setInt(5, alarms);
            p.setString(6, lock);
            p.executeUpdate();
        }
        return new IngestResult(lock, lineCount, stored, k, heldBack, storeUpTo, report.problems());
    }

    private static VerificationReport verify(List<ParsedLine> feed, String lock, TrailPublicKey key, long next,
            ChainHead head) {
        return TrailVerifier.verifyParsedContinuation(feed, lock, key, next, head);
    }

    /** The leading {@code k} lines, all at held sequences, must be the held events. */
    private static void checkOverlap(Connection c, String lock, TrailPublicKey key, List<ParsedLine> lines, int k) throws SQLException {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < k; i++) {
            lo = Math.min(lo, lines.get(i).record().sequence());
            hi = Math.max(hi, lines.get(i).record().sequence());
        }
        Map<Long, TrailRecord> stored = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT line FROM fleet_trail WHERE lock = ? AND sequence >= ? AND sequence <= ?")) {
            p.setString(1, lock);
            p.setLong(2, lo);
            p.setLong(3, hi);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    TrailRecord rec = TrailReader.record(r.getString(1));
                    if (rec != null) {
                        stored.put(rec.sequence(), rec);
                    }
                }
            }
        }
        for (int i = 0; i < k; i++) {
            TrailRecord mine = lines.get(i).record();
            TrailRecord theirs = stored.get(mine.sequence());
            if (theirs != null && sameEvent(mine, theirs)) {
                continue;
            }
            long seq = mine.sequence();
            if (theirs != null && ANCHOR.equals(mine.type()) && theirs.chain().equals(mine.chain())
                    && anchorHolds(lines.get(i), lock, key)) {
                // The lock pruned what this backend holds: its anchor signs the held chain head there.
                continue;
            }
            if (theirs != null && !theirs.chain().equals(mine.chain()) && signedFrom(lines, i, lock, key)) {
                throw new ForkFound(lock, seq, "sequence " + seq + " (line " + (i + 1) + ") differs from the event held"
                        + " there, and the lock's key signs the segment's version: the lock recorded two different trails");
            }
            throw new SegmentRejectedException(lock, List.of(new TrailProblem(i + 1, lock, seq, Kind.MODIFIED_EVENT,
                    "sequence " + seq + " differs from the event the backend holds there, and no signature of the"
                    + " lock covers the difference: the line was changed")));
        }
    }

    /** Whether a line is a retention anchor that verifies with the lock's key (as a trail's start). */
    private static boolean anchorHolds(ParsedLine line, String lock, TrailPublicKey key) {
        VerificationReport r = TrailVerifier.verifyParsedContinuation(List.of(line), lock, key, 0, ChainHead.GENESIS);
        return r.ok() && r.locks().containsKey(lock) && r.locks().get(lock).anchored();
    }

    /** Whether a verified checkpoint of the segment covers line {@code i}, chaining from its own value. */
    private static boolean signedFrom(List<ParsedLine> lines, int i, String lock, TrailPublicKey key) {
        TrailRecord from = lines.get(i).record();
        List<ParsedLine> after = lines.subList(i + 1, lines.size());
        VerificationReport r = verify(after, lock, key, from.sequence() + 1, ChainHead.fromHex(from.chain()));
        return r.ok() && r.locks().containsKey(lock) && r.locks().get(lock).checkpoints() > 0;
    }

    private static boolean sameEvent(TrailRecord a, TrailRecord b) {
        return a.type().equals(b.type()) && a.timestamp().equals(b.timestamp()) && a.payload().equals(b.payload())
                && a.chain().equals(b.chain());
    }

    /** The held-back tail before {@code rest}, if {@code rest} goes on from it and agrees with it. */
    private static List<ParsedLine> withPending(List<ParsedLine> pending, List<ParsedLine> rest) {
        if (pending.isEmpty()) {
            return rest;
        }
        long first = rest.get(0).record().sequence();
        List<ParsedLine> feed = new ArrayList<>();
        int i = 0;
        for (ParsedLine p : pending) {
            long seq = p.record().sequence();
            if (seq < first) {
                feed.add(p);
            } else if (i < rest.size() && rest.get(i).record().sequence() == seq) {
                if (!sameEvent(p.record(), rest.get(i).record())) {
                    return rest;
                }
                i++;
            } else {
                return rest;
            }
        }
        if (feed.isEmpty()) {
            return rest;
        }
        feed.addAll(rest);
        return feed;
    }

    private static void checkAnchors(Connection c, String lock, List<ParsedLine> feed, long held, long storeUpTo) throws SQLException {
        if (storeUpTo <= held) {
            return;
        }
        Map<Long, String> anchors = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT sequence, chain_head FROM fleet_enrollment WHERE lock = ? AND sequence > ? AND sequence <= ?")) {
            p.setString(1, lock);
            p.setLong(2, held);
            p.setLong(3, storeUpTo);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    anchors.put(r.getLong(1), r.getString(2));
                }
            }
        }
        for (ParsedLine l : feed) {
            String anchor = anchors.get(l.record().sequence());
            if (anchor != null && !anchor.equals(l.record().chain())) {
                throw new ForkFound(lock, l.record().sequence(), "the lock's enrollment signed chain head "
                        + anchor.substring(0, 16) + "… at sequence " + l.record().sequence() + ", the segment has "
                        + l.record().chain().substring(0, 16) + "…: the lock signed two different trails");
            }
        }
    }

    private static List<ParsedLine> pending(Connection c, String lock, long held) throws SQLException {
        List<ParsedLine> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT line FROM fleet_pending WHERE lock = ? AND sequence > ? ORDER BY sequence")) {
            p.setString(1, lock);
            p.setLong(2, held);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ParsedLine line = ParsedLine.parse(r.getString(1));
                    if (line.record() != null) {
                        out.add(line);
                    }
                }
            }
        }
        return out;
    }

    private static void replacePending(Connection c, String lock, List<ParsedLine> feed, long storeUpTo) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM fleet_pending WHERE lock = ?")) {
            del.setString(1, lock);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO fleet_pending (lock, sequence, line) VALUES (?, ?, ?)")) {
            boolean any = false;
            for (ParsedLine l : feed) {
                if (l.record().sequence() > storeUpTo) {
                    ins.setString(1, lock);
                    ins.setLong(2, l.record().sequence());
                    ins.setString(3, l.text());
                    ins.addBatch();
                    any = true;
                }
            }
            if (any) {
                ins.executeBatch();
            }
        }
    }

    private static void touch(Connection c, String lock, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE fleet_lock SET last_ingest_at = ? WHERE lock = ?")) {
            p.setString(1, now.toString());
            p.setString(2, lock);
            p.executeUpdate();
        }
    }

    private void recordFork(ForkFound f, Instant now) {
        tables.inTransaction("recording a fork of lock '" + f.lock + "'", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO fleet_alarm (lock, recorded_at, code, sequence, detail) VALUES (?, ?, 'FORK', ?, ?)")) {
                p.setString(1, f.lock);
                p.setString(2, now.toString());
                p.setLong(3, f.sequence);
                p.setString(4, f.detail);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE fleet_lock SET alarms_last_ingest = alarms_last_ingest + 1 WHERE lock = ?")) {
                p.setString(1, f.lock);
                p.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- reads

    /** What the backend keeps about one lock besides its trail. */
    public record LockRow(String lock, String trailKey, long lastSequence, Instant lastEventAt, Instant lastIngestAt,
            int alarmsLastIngest, int enrolledEpoch) {
    }

    /** The columns of {@link LockRow}, in its order: a lock's row and its newest enrolled epoch. */
    private static final String LOCK_ROWS = "SELECT l.lock, l.trail_key, l.last_sequence, l.last_event_at,"
            + " l.last_ingest_at, l.alarms_last_ingest, (SELECT MAX(e.key_epoch) FROM fleet_enrollment e"
            + " WHERE e.lock = l.lock) FROM fleet_lock l";

    /** Every enrolled lock, by id. */
    public List<LockRow> locks() {
        return tables.read("listing the fleet's locks", c -> {
            List<LockRow> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(LOCK_ROWS + " ORDER BY l.lock");
                    ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
            return out;
        });
    }

    /** One lock's row, or null if it is not enrolled. */
    public LockRow lock(String lock) {
        return tables.read("reading lock '" + lock + "'", c -> {
            try (PreparedStatement p = c.prepareStatement(LOCK_ROWS + " WHERE l.lock = ?")) {
                p.setString(1, lock);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? row(r) : null;
                }
            }
        });
    }

    private static LockRow row(ResultSet r) throws SQLException {
        return new LockRow(r.getString(1), r.getString(2), r.getLong(3), instant(r.getString(4)), instant(r.getString(5)),
                r.getInt(6), r.getInt(7));
    }

    /** Hands the held lines of a lock with sequence above {@code after} to {@code sink}, by sequence. */
    public void lines(String lock, long after, Consumer<String> sink) {
        tables.read("reading the trail of lock '" + lock + "'", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT line FROM fleet_trail WHERE lock = ? AND sequence > ? ORDER BY sequence")) {
                p.setString(1, lock);
                p.setLong(2, after);
                p.setFetchSize(1000);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        sink.accept(r.getString(1));
                    }
                }
            }
            return null;
        });
    }

    /**
     * The sealing key a lock enrolled with for {@code keyEpoch} (its latest enrollment of that epoch).
     *
     * @throws dev.access.core.domain.LockCommandRejected INVALID_ARGUMENT if it never enrolled with that epoch
     */
    public dev.access.crypto.SealingPublicKey sealingKey(String lock, int keyEpoch) {
        String key = tables.read("reading the enrollment of lock '" + lock + "'", c -> queryString(c,
                "SELECT sealing_key FROM fleet_enrollment WHERE lock = ? AND key_epoch = ? ORDER BY sequence DESC",
                lock, keyEpoch));
        if (key == null) {
            throw new dev.access.core.domain.LockCommandRejected(dev.access.core.domain.Rejection.INVALID_ARGUMENT,
                    "lock '" + lock + "' never enrolled with key epoch " + keyEpoch + ": enroll it again");
        }
        return dev.access.crypto.SealingPublicKey.fromBase64(key);
    }

    /** The forks recorded for a lock, oldest first. */
    public List<FleetAlarm> forks(String lock) {
        return tables.read("reading the alarms of lock '" + lock + "'", c -> {
            List<FleetAlarm> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT recorded_at, sequence, detail FROM fleet_alarm WHERE lock = ? ORDER BY recorded_at, sequence")) {
                p.setString(1, lock);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new FleetAlarm("FORK", instant(r.getString(1)), r.getLong(2), null, r.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static String heldChain(Connection c, String lock, long sequence) throws SQLException {
        return queryString(c, "SELECT chain FROM fleet_trail WHERE lock = ? AND sequence = ?", lock, sequence);
    }

    private static String queryString(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(c, sql, args); ResultSet r = p.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static Long queryLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(c, sql, args); ResultSet r = p.executeQuery()) {
            if (!r.next()) {
                return null;
            }
            long v = r.getLong(1);
            return r.wasNull() ? null : v;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
        return p;
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
