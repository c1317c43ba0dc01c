package dev.access.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailAnchored;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.crypto.AnchorStatement;
import dev.access.crypto.SignatureVerificationException;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.ChainHead;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.CheckpointVerificationException;
import dev.access.crypto.HashChain;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/*
 * Implementation notes.
 *
 * Per lock it keeps only the last line's sequence, recorded chain value and line text, so memory
 * does not grow with the export. Each line's chain value is recomputed from the previous line's
 * RECORDED value: a modified line is flagged where it is, and the lines after it still check
 * (errors stay local). Rewriting the whole chain after a change is possible for anyone (SHA-256 is
 * unkeyed); that is what the signed checkpoints catch: a checkpoint signs a head, and both its
 * signature and the head it signs are checked against the trail.
 *
 * Lines are read with a length limit; a longer line is reported as malformed and skipped without
 * being held in memory.
 *
 * A lock's personal-keys line is no record: it neither advances the chain nor counts as an event.
 * Its keys are checked against their ids (an id commits to its key, so a substituted key is seen),
 * and every sealed value of the lock's records whose subject came with a key must open with it. Per
 * lock the verifier keeps the keys and the set of subjects its records name: that grows with the
 * people named, not with the events.
 */
/**
 * Verifies an exported trail with the locks' public keys alone: no database, no PIN keys.
 *
 * <p>Guarantees: any modified, deleted, inserted, reordered or duplicated line before the last
 * signed checkpoint is reported, naming the line and what is wrong; events after the last
 * checkpoint are reported as not provable by signature; a pruned trail verifies from its retention
 * anchor (its first line: signature, state hash and chain head checked, then a signed point), and
 * an anchor anywhere else, or one that does not hold, is reported; a personal key that is not its
 * subject's, a sealed name that does not open with its subject's key, and a misplaced or repeated
 * personal-keys line are reported ({@link Kind#PERSONAL_KEYS}); no input makes it throw (I/O errors
 * of the reader excepted).
 */
public final class TrailVerifier {
    /** The longest line accepted, in characters. */
    public static final int MAX_LINE = 1 << 20;
    /** Problems reported at most; verification goes on counting lines after that. */
    public static final int MAX_PROBLEMS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private static final class LockProgress {
        long expected;
        ChainHead head = ChainHead.GENESIS;
        String lastLine;
        long events;
        long checkpoints;
        long lastSigned = -1;
        Instant lastSignedAt;
        long lastSequence = -1;
        /** The last line that is not a checkpoint: what an unsigned tail is measured to. */
        long lastEvent = -1;
        /** The first sequence this verification saw of the lock, or -1. */
        long first = -1;
        /** Whether the lock's personal-keys line was read. */
        boolean keysLine;
        /** The personal keys that came with the export and are their subjects' own. */
        final Map<String, byte[]> keys = new java.util.HashMap<>();
        /** The subjects the lock's records name (in sealed values). */
        final java.util.Set<String> named = new java.util.HashSet<>();
        /** The subjects a sealed value of which did not open with the key given (reported once). */
        final java.util.Set<String> unopened = new java.util.HashSet<>();
        /** The sequence of the verified retention anchor the lock's trail starts at, or -1. */
        long anchor = -1;
        Instant anchoredAt;
        /** Whether the lock's key was handed to prepare() (see knownKeys). */
        boolean keyShared;
    }

    private static final String ANCHOR = TrailAnchored.class.getSimpleName();

    private final Function<String, TrailPublicKey> keys;
    private final Policy policy;
    /** Verifying a segment that continues a trail held elsewhere (see verifyContinuation). */
    private boolean continuation;
    private final Map<String, LockProgress> locks = new LinkedHashMap<>();
    private final List<TrailProblem> problems = new ArrayList<>();
    private long failures;
    private long lineNo;

    private TrailVerifier(Function<String, TrailPublicKey> keys, Policy policy) {
        this.keys = keys;
        this.policy = policy;
    }

    /**
     * What an auditor requires beyond an intact trail, for every lock of the export: that it be
     * signed up to at least an instant, or up to at least a sequence number. A cut after the last
     * checkpoint cannot be seen in an export alone; an auditor who knows what to expect (the
     * owner's latest head, a backend's copy, the day of the audit) states it here and a cut export
     * fails.
     *
     * @param signedThrough the latest signature must be made at or after this instant, or null
     * @param minSignedSequence the latest signature must cover at least this sequence, or -1
     */
    public record Policy(Instant signedThrough, long minSignedSequence) {
        /** No requirement beyond an intact trail with at least one signature. */
        public static final Policy NONE = new Policy(null, -1);
    }

    /**
     * Verifies the JSON Lines export read from {@code in}.
     *
     * @param keys the trusted public key of each lock (null for an unknown lock)
     */
    public static VerificationReport verify(BufferedReader in, Function<String, TrailPublicKey> keys) {
        return verify(in, keys, Policy.NONE);
    }

    /**
     * Verifies the JSON Lines export read from {@code in}, and that every lock's signatures meet
     * {@code policy}.
     *
     * @param keys the trusted public key of each lock (null for an unknown lock)
     */
    public static VerificationReport verify(BufferedReader in, Function<String, TrailPublicKey> keys, Policy policy) {
        TrailVerifier v = new TrailVerifier(keys, java.util.Objects.requireNonNull(policy, "policy"));
        try {
            LinePipeline.run(() -> TrailReader.readLine(in), v::prepare, v::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return v.finish();
    }

    /**
     * Verifies a segment of one lock's trail that continues a trail already held up to sequence
     * {@code nextSequence - 1}, whose chain head there is {@code head} ({@link ChainHead#GENESIS}
     * and 0 for a trail from its start): the segment must start at {@code nextSequence} (a later
     * start is {@link Kind#MISSING_EVENTS} naming the range), chain on from {@code head}, hold lines
     * of {@code lock} only ({@link Kind#UNKNOWN_LOCK} otherwise) and carry checkpoints that verify
     * with {@code key}. Events after the segment's last verified checkpoint, or a segment with
     * none, are an {@link Kind#UNSIGNED_TAIL} (not a failure: the held trail is unchanged by them).
     * A segment that starts at a retention anchor verifies from it when nothing is held ({@code
     * nextSequence} 0, {@link ChainHead#GENESIS}), as {@link #verify} does; after a held trail it is
     * {@link Kind#ANCHOR_MISPLACED}: the records between are gone, and nothing links the two.
     * Like {@link #verify}, it never throws for any input.
     */
    public static VerificationReport verifyContinuation(BufferedReader in, String lock, TrailPublicKey key,
            long nextSequence, ChainHead head) {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = TrailReader.readLine(in)) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verifyContinuation(lines, lock, key, nextSequence, head);
    }

    /**
     * {@link #verifyContinuation(BufferedReader, String, TrailPublicKey, long, ChainHead)} of lines
     * already read (each without its terminator; a line over {@link #MAX_LINE} characters, or
     * {@link TrailReader#readLine}'s marker for one, is malformed).
     */
    public static VerificationReport verifyContinuation(List<String> lines, String lock, TrailPublicKey key,
            long nextSequence, ChainHead head) {
        TrailVerifier v = continuation(lock, key, nextSequence, head);
        LinePipeline.run(lines, v::prepare, v::accept);
        return v.finish();
    }

    /**
     * {@link #verifyContinuation(List, String, TrailPublicKey, long, ChainHead)} of lines parsed
     * already (by {@link ParsedLine#parseAll} or {@link ParsedLine#parse}), without parsing them
     * again: the same report as for their texts.
     */
    public static VerificationReport verifyParsedContinuation(List<ParsedLine> lines, String lock, TrailPublicKey key,
            long nextSequence, ChainHead head) {
        TrailVerifier v = continuation(lock, key, nextSequence, head);
        List<String> texts = new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                return lines.get(index).text();
            }

            @Override
            public int size() {
                return lines.size();
            }
        };
        LinePipeline.run(texts, (first, chunk) -> v.prepareParsed(lines, first, chunk), v::accept);
        return v.finish();
    }

    /** A verifier of a continuation of {@code lock}'s trail from {@code nextSequence}, chained on from {@code head}. */
    private static TrailVerifier continuation(String lock, TrailPublicKey key, long nextSequence, ChainHead head) {
        java.util.Objects.requireNonNull(lock, "lock");
        java.util.Objects.requireNonNull(key, "key");
        java.util.Objects.requireNonNull(head, "head");
        if (nextSequence < 0) {
            throw new IllegalArgumentException("nextSequence must be >= 0, was " + nextSequence);
        }
        TrailVerifier v = new TrailVerifier(l -> lock.equals(l) ? key : null, Policy.NONE);
        v.continuation = true;
        LockProgress p = v.locks.computeIfAbsent(lock, k -> new LockProgress());
        p.expected = nextSequence;
        p.head = head;
        v.knownKeys.put(lock, key);
        return v;
    }

    /*
     * What a line is by itself, prepared on any thread (see LinePipeline): its parse, the
     * consistency of its fields with its payload, its recorded chain value, its hash from the chain
     * value of the previous record of its lock in the same chunk (what the chain runs from when the
     * lines are in order; check() uses it only if that is indeed the head it chains from), and for a
     * checkpoint its payload read and, if the lock's key is known by then, its signature checked.
     * Nothing here depends on the lines before the chunk, or reports anything: check() does.
     */
    private static final class Prepared {
        ExportLine.Parsed parsed;
        String inconsistent;
        ChainHead recorded;
        ChainHead from;
        ChainHead hash;
        Checkpoint checkpoint;
        TrailPublicKey signedWith;
        CheckpointVerificationException signature;
    }

    /** The locks' keys as check() met them, for prepare() on other threads. */
    private final Map<String, TrailPublicKey> knownKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String CHECKPOINT = TrailCheckpointed.class.getSimpleName();

    private List<Prepared> prepare(long firstLine, List<String> lines) {
        List<Prepared> out = new ArrayList<>(lines.size());
        ChunkHeads heads = new ChunkHeads();
        for (String line : lines) {
            out.add(TrailReader.isTooLong(line) || line.length() > MAX_LINE ? null
                    : prepare(ExportLine.parse(line), heads));
        }
        return out;
    }

    /** {@link #prepare(long, List)} of lines parsed already: {@code lines} are the texts of {@code parsed}, from index {@code firstLine - 1}. */
    private List<Prepared> prepareParsed(List<ParsedLine> parsed, long firstLine, List<String> lines) {
        List<Prepared> out = new ArrayList<>(lines.size());
        ChunkHeads heads = new ChunkHeads();
        int base = Math.toIntExact(firstLine - 1);
        for (int i = 0; i < lines.size(); i++) {
            ExportLine.Parsed given = parsed.get(base + i).parsed();
            out.add(given == null ? null : prepare(given, heads));
        }
        return out;
    }

    /**
     * The recorded chain value of the last record of each lock in a chunk so far (of the current
     * lock in lastHead, of the others in the map).
     */
    private static final class ChunkHeads {
        final Map<String, ChainHead> last = new java.util.HashMap<>();
        String lastLock;
        ChainHead lastHead;
    }

    private Prepared prepare(ExportLine.Parsed parsed, ChunkHeads heads) {
        Prepared pre = new Prepared();
        pre.parsed = parsed;
        TrailRecord r = parsed.record();
        if (r == null) {
            return pre;
        }
        pre.inconsistent = inconsistentField(r.lock(), r.timestamp(), r.payload());
        pre.recorded = ChainHead.fromHex(r.chain());
        ChainHead from;
        if (r.lock().equals(heads.lastLock)) {
            from = heads.lastHead;
        } else {
            if (heads.lastLock != null) {
                heads.last.put(heads.lastLock, heads.lastHead);
            }
            from = heads.last.get(r.lock());
            heads.lastLock = r.lock();
        }
        heads.lastHead = pre.recorded;
        if (r.type().equals(ANCHOR)) {
            return pre;
        }
        if (from != null) {
            pre.from = from;
            pre.hash = HashChain.next(from, r.sequence(), r.type(), r.timestamp(),
                    r.payload().getBytes(StandardCharsets.UTF_8));
        }
        if (r.type().equals(CHECKPOINT)) {
            pre.checkpoint = readCheckpoint(r.payload());
            TrailPublicKey key = knownKeys.get(r.lock());
            if (pre.checkpoint != null && key != null) {
                pre.signedWith = key;
                try {
                    key.verify(pre.checkpoint);
                } catch (CheckpointVerificationException e) {
                    pre.signature = e;
                }
            }
        }
        return pre;
    }

    private void accept(long number, String line, Prepared pre) {
        lineNo = number;
        if (pre == null) {
            problem(null, -1, Kind.MALFORMED_LINE, "longer than " + MAX_LINE + " characters");
            return;
        }
        check(line, pre);
    }

    private void check(String line, Prepared pre) {
        ExportLine.Parsed parsed = pre.parsed;
        if (parsed.isKeys()) {
            keysLine(parsed.lock(), parsed.keys());
            return;
        }
        if (parsed.record() == null) {
            problem(parsed.lock(), parsed.sequence(), Kind.MALFORMED_LINE, parsed.problem());
            return;
        }
        TrailRecord r = parsed.record();
        String lock = r.lock();
        long seq = r.sequence();
        String type = r.type();
        Instant timestamp = r.timestamp();
        String payload = r.payload();
        ChainHead recorded = pre.recorded;
        TrailPublicKey key = keys.apply(lock);
        if (key == null) {
            problem(lock, seq, Kind.UNKNOWN_LOCK, "no public key was given for lock '" + shorten(lock) + "'");
            return;
        }
        LockProgress p = locks.computeIfAbsent(lock, k -> new LockProgress());
        if (!p.keyShared) {
            p.keyShared = true;
            knownKeys.putIfAbsent(lock, key);
        }
        if (p.first < 0) {
            p.first = seq;
        }
        if (type.equals(ANCHOR)) {
            anchor(p, key, lock, seq, r, line);
            return;
        }
        if (seq < p.expected) {
            if (line.equals(p.lastLine)) {
                problem(lock, seq, Kind.DUPLICATE_EVENT, "sequence " + seq + " repeats the line before it");
            } else {
                problem(lock, seq, Kind.OUT_OF_ORDER, "sequence " + seq + " after " + (p.expected - 1)
                        + ": an event was inserted or the order changed");
            }
            return;
        }
        if (seq > p.expected) {
            problem(lock, seq, Kind.MISSING_EVENTS, "sequence " + seq + " follows " + (p.expected - 1) + ": events "
                    + p.expected + (seq - 1 > p.expected ? ".." + (seq - 1) : "") + " are missing");
        }
        ChainHead expected = pre.from != null && pre.from.equals(p.head) ? pre.hash
                : HashChain.next(p.head, seq, type, timestamp, payload.getBytes(StandardCharsets.UTF_8));
        if (seq == p.expected && !expected.equals(recorded)) {
            problem(lock, seq, Kind.MODIFIED_EVENT, describeModification(pre.inconsistent));
        } else if (pre.inconsistent != null) {
            problem(lock, seq, Kind.INCONSISTENT_FIELDS, pre.inconsistent);
        }
        if (type.equals(CHECKPOINT)) {
            checkpoint(p, key, lock, seq, pre);
        } else {
            p.lastEvent = seq;
            sealedNames(p, lock, seq, payload);
        }
        p.head = recorded;
        p.expected = seq + 1;
        p.lastSequence = seq;
        p.lastLine = line;
        p.events++;
    }

    /** A lock's personal-keys line: before its first record, once, each key its subject's own. */
    private void keysLine(String lock, Map<String, byte[]> given) {
        if (keys.apply(lock) == null) {
            problem(lock, -1, Kind.UNKNOWN_LOCK, "no public key was given for lock '" + shorten(lock)
                    + "' (of a personal-keys line)");
            return;
        }
        LockProgress p = locks.computeIfAbsent(lock, k -> new LockProgress());
        if (p.keysLine) {
            problem(lock, -1, Kind.PERSONAL_KEYS, "a second personal-keys line of the lock: an export carries one");
            return;
        }
        p.keysLine = true;
        if (p.first >= 0) {
            problem(lock, -1, Kind.PERSONAL_KEYS, "a personal-keys line after the lock's first record (sequence "
                    + p.first + "): an export carries it before");
            return;
        }
        given.forEach((subject, key) -> {
            String own = dev.access.crypto.PersonalData.subjectOf(key);
            if (!own.equals(subject)) {
                problem(lock, -1, Kind.PERSONAL_KEYS, "the key given for subject " + subject + " is not that subject's"
                        + " (it is subject " + own + "'s): a substituted key; no name is read with it");
            } else {
                p.keys.put(subject, key);
            }
        });
    }

    /** The sealed values of a record: each whose subject came with a key must open with it. */
    private void sealedNames(LockProgress p, String lock, long seq, String payload) {
        if (payload.indexOf(dev.access.crypto.PersonalData.PREFIX) < 0) {
            return;
        }
        java.util.Set<String> subjects = new java.util.HashSet<>();
        TrailExport.subjects(payload, subjects);
        p.named.addAll(subjects);
        for (String subject : subjects) {
            byte[] key = p.keys.get(subject);
            if (key == null || p.unopened.contains(subject)) {
                continue;
            }
            for (String value : sealedValues(payload, subject)) {
                if (dev.access.crypto.PersonalData.open(lock, value, key).isEmpty()) {
                    p.unopened.add(subject);
                    problem(lock, seq, Kind.PERSONAL_KEYS, "a sealed name of subject " + subject + " does not open with"
                            + " the subject's key: the name or the key was altered");
                    break;
                }
            }
        }
    }

    /** The sealed values of {@code subject} in a payload. */
    private static List<String> sealedValues(String payload, String subject) {
        List<String> out = new ArrayList<>();
        String start = dev.access.crypto.PersonalData.PREFIX + subject + ".";
        int i = payload.indexOf(start);
        while (i >= 0) {
            int end = payload.indexOf('"', i);
            out.add(payload.substring(i, end < 0 ? payload.length() : end));
            i = payload.indexOf(start, i + start.length());
        }
        return out;
    }

    /*
     * A retention anchor. As a lock's first line (and, for a continuation, of a trail held from
     * nothing) it is where the trail starts: checked (exact form, its fields against its line, its
     * state against the signed hash, the signature with the lock's key) and, if it holds, a signed
     * point the next line chains on from. Anywhere else it is misplaced: a continuation of a held
     * trail cannot pass a cut whose removed events it never had. The next line chains on from the
     * anchor's recorded value either way, so errors stay local.
     */
    private void anchor(LockProgress p, TrailPublicKey key, String lock, long seq, TrailRecord r, String line) {
        boolean start = p.events == 0 && (!continuation || p.expected == 0);
        if (p.events > 0) {
            problem(lock, seq, Kind.ANCHOR_MISPLACED, "a retention anchor at sequence " + seq + " follows sequence "
                    + p.lastSequence + ": a prune leaves its anchor only as the first record of a trail");
        } else if (!start) {
            problem(lock, seq, Kind.ANCHOR_MISPLACED, "the lock pruned its trail through sequence " + seq
                    + " (the segment starts at its retention anchor), but the trail held here ends at sequence "
                    + (p.expected - 1) + ": the events " + p.expected + (seq > p.expected ? ".." + seq : "")
                    + " were removed before they were received, so the segment cannot continue it");
        }
        TrailAnchored a;
        try {
            a = checkAnchor(key, lock, seq, r);
        } catch (RuntimeException e) {
            // A payload that parses but cannot be re-serialized or hashed: not the lock's anchor.
            problem(lock, seq, Kind.MALFORMED_LINE, "the retention anchor cannot be read: " + e.getMessage());
            a = null;
        }
        if (start && a != null) {
            p.anchor = seq;
            p.anchoredAt = a.at();
            p.lastSigned = seq;
            p.lastSignedAt = a.at();
        }
        p.lastEvent = seq;
        p.head = ChainHead.fromHex(r.chain());
        p.expected = seq + 1;
        p.lastSequence = seq;
        p.lastLine = line;
        p.events++;
    }

    /** The anchor of a line if every check holds, else null (each failure reported). */
    private TrailAnchored checkAnchor(TrailPublicKey key, String lock, long seq, TrailRecord r) {
        TrailAnchored a;
        try {
            a = (TrailAnchored) AuditForm.parse(r.type(), r.payload());
        } catch (IllegalArgumentException e) {
            problem(lock, seq, Kind.MALFORMED_LINE, e.getMessage());
            return null;
        }
        boolean ok = true;
        if (!new String(AuditForm.bytes(a), StandardCharsets.UTF_8).equals(r.payload())) {
            problem(lock, seq, Kind.ANCHOR_MISMATCH, "the anchor's payload is not in the exact form the lock writes"
                    + " (a field was added, removed, reordered or respelled)");
            ok = false;
        }
        String inconsistent = inconsistentField(lock, r.timestamp(), r.payload());
        if (inconsistent != null) {
            problem(lock, seq, Kind.INCONSISTENT_FIELDS, inconsistent);
            ok = false;
        }
        if (a.sequence() != seq || !a.chainHead().equals(r.chain())) {
            problem(lock, seq, Kind.ANCHOR_MISMATCH, "the anchor states chain head " + shorten(a.chainHead())
                    + " after sequence " + a.sequence() + ", its line is sequence " + seq + " with chain value "
                    + shorten(r.chain()) + " (sequence, chain value or anchor changed)");
            ok = false;
        }
        if (!AuditForm.stateHash(a.state()).equals(a.stateSha256())) {
            problem(lock, seq, Kind.ANCHOR_MISMATCH, "the anchored state does not hash to the anchor's state hash "
                    + shorten(a.stateSha256()) + ": the state was changed after signing");
            ok = false;
        }
        if (!key.keyId().equals(a.keyId())) {
            problem(lock, seq, Kind.BAD_SIGNATURE, "the anchor was signed by key '" + shorten(a.keyId())
                    + "', this key is '" + key.keyId() + "'");
            return null;
        }
        try {
            AnchorStatement.verify(key, a.signedBody(), a.signature());
        } catch (SignatureVerificationException | IllegalArgumentException e) {
            problem(lock, seq, Kind.BAD_SIGNATURE, "the retention anchor at sequence " + seq + ": " + e.getMessage());
            return null;
        }
        return ok ? a : null;
    }

    private String describeModification(String inconsistent) {
        return "its content does not match its chain value: "
                + (inconsistent != null ? inconsistent : "its type, timestamp, sequence, payload or chain was changed");
    }

    /** Which field contradicts the payload, or null. */
    static String inconsistentField(String lock, Instant timestamp, String payload) {
        Boolean fast = consistentFast(lock, timestamp, payload);
        return fast == Boolean.TRUE ? null : inconsistentFieldSlow(lock, timestamp, payload);
    }

    /*
     * The common case read by hand, in one pass: the payload compact JSON (no white space), a
     * single object with nothing after it, no duplicate key at any depth, no escape in a key,
     * numbers of at most 100 characters, nesting at most 64 deep, and its top-level lockId and at
     * strings that agree with the line. Every such text is JSON the tree parser reads alike, so TRUE
     * here is what inconsistentFieldSlow() would say (null); anything else gives null and
     * inconsistentFieldSlow() describes it exactly as before.
     */
    private static Boolean consistentFast(String lock, Instant timestamp, String payload) {
        PayloadScan scan = new PayloadScan(payload);
        if (!scan.object(1) || scan.i != payload.length() || scan.lockId == null || scan.at == null
                || !lock.equals(scan.lockId)) {
            return null;
        }
        Instant a = ExportLine.canonicalInstant(scan.at);
        return a != null && a.equals(timestamp) ? Boolean.TRUE : null;
    }

    /** A strict, small JSON reader for consistentFast(): false for anything it does not take. */
    private static final class PayloadScan {
        final String s;
        final int n;
        int i;
        String lockId;
        String at;

        PayloadScan(String s) {
            this.s = s;
            this.n = s.length();
        }

        private char peek() {
            return i < n ? s.charAt(i) : 0;
        }

        boolean value(int depth) {
            char c = peek();
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"':
                    return skipString();
                case 't':
                    return literal("true");
                case 'f':
                    return literal("false");
                case 'n':
                    return literal("null");
                default:
                    return (c == '-' || (c >= '0' && c <= '9')) && number();
            }
        }

        private boolean literal(String word) {
            if (!s.startsWith(word, i)) {
                return false;
            }
            i += word.length();
            return true;
        }

        boolean object(int depth) {
            if (depth > 64 || peek() != '{') {
                return false;
            }
            i++;
            if (peek() == '}') {
                i++;
                return true;
            }
            int[] keys = new int[16];
            int nk = 0;
            while (true) {
                if (peek() != '"') {
                    return false;
                }
                int start = ++i;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i);
                    if (c == '\\' || c < 0x20) {
                        return false;
                    }
                    i++;
                }
                int len = i - start;
                if (i >= n || len > 1000 || nk == 256) {
                    return false;
                }
                for (int k = 0; k < nk; k++) {
                    int other = keys[2 * k];
                    if (keys[2 * k + 1] == len && s.regionMatches(other, s, start, len)) {
                        return false;
                    }
                }
                if (2 * nk + 2 > keys.length) {
                    keys = java.util.Arrays.copyOf(keys, keys.length * 2);
                }
                keys[2 * nk] = start;
                keys[2 * nk + 1] = len;
                nk++;
                i++;
                boolean isLockId = depth == 1 && len == 6 && s.startsWith("lockId", start);
                boolean isAt = depth == 1 && len == 2 && s.startsWith("at", start);
                if (peek() != ':') {
                    return false;
                }
                i++;
                if (isLockId || isAt) {
                    int[] at = {i};
                    String v = ExportLine.string(s, at);
                    if (v == null) {
                        return false;
                    }
                    i = at[0];
                    if (isLockId) {
                        lockId = v;
                    } else {
                        this.at = v;
                    }
                } else if (!value(depth)) {
                    return false;
                }
                char c = peek();
                i++;
                if (c == '}') {
                    return true;
                }
                if (c != ',') {
                    return false;
                }
            }
        }

        private boolean array(int depth) {
            if (depth > 64) {
                return false;
            }
            i++;
            if (peek() == ']') {
                i++;
                return true;
            }
            while (true) {
                if (!value(depth)) {
                    return false;
                }
                char c = peek();
                i++;
                if (c == ']') {
                    return true;
                }
                if (c != ',') {
                    return false;
                }
            }
        }

        private boolean skipString() {
            i++;
            while (i < n) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return true;
                }
                if (c < 0x20) {
                    return false;
                }
                if (c == '\\') {
                    if (i >= n) {
                        return false;
                    }
                    char e = s.charAt(i++);
                    if (e == 'u') {
                        if (i + 4 > n) {
                            return false;
                        }
                        for (int k = 0; k < 4; k++) {
                            char h = s.charAt(i + k);
                            if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                                return false;
                            }
                        }
                        i += 4;
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        return false;
                    }
                }
            }
            return false;
        }

        private boolean number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            char c = peek();
            if (c == '0') {
                i++;
            } else if (c >= '1' && c <= '9') {
                while (peek() >= '0' && peek() <= '9') {
                    i++;
                }
            } else {
                return false;
            }
            if (peek() == '.') {
                i++;
                if (!(peek() >= '0' && peek() <= '9')) {
                    return false;
                }
                while (peek() >= '0' && peek() <= '9') {
                    i++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                i++;
                if (peek() == '+' || peek() == '-') {
                    i++;
                }
                if (!(peek() >= '0' && peek() <= '9')) {
                    return false;
                }
                while (peek() >= '0' && peek() <= '9') {
                    i++;
                }
            }
            return i - start <= 100;
        }
    }

    static String inconsistentFieldSlow(String lock, Instant timestamp, String payload) {
        JsonNode p;
        try {
            p = JSON.readTree(payload);
        } catch (IOException e) {
            return "the payload is not valid JSON (payload modified)";
        }
        if (p == null || !p.isObject()) {
            return "the payload is not a JSON object (payload modified)";
        }
        JsonNode pl = p.get("lockId");
        if (pl == null || !lock.equals(pl.asText())) {
            return "lock '" + shorten(lock) + "' differs from the payload's lockId (lock or payload modified)";
        }
        JsonNode at = p.get("at");
        try {
            if (at == null || !Instant.parse(at.asText()).equals(timestamp)) {
                return "timestamp " + timestamp + " differs from the payload's at (timestamp or payload modified)";
            }
        } catch (DateTimeParseException e) {
            return "the payload's at is not an instant (payload modified)";
        }
        return null;
    }

    /** A checkpoint's payload read, or null if it is not valid JSON. */
    private static Checkpoint readCheckpoint(String payload) {
        try {
            JsonNode cp = JSON.readTree(payload);
            return new Checkpoint(cp.path("lockId").asText(), cp.path("sequence").asLong(-1),
                    cp.path("chainHead").asText(), instantOrNull(cp.path("at").asText(null)), cp.path("keyId").asText(),
                    cp.path("signature").asText());
        } catch (IOException e) {
            return null;
        }
    }

    private void checkpoint(LockProgress p, TrailPublicKey key, String lock, long seq, Prepared pre) {
        Checkpoint c = pre.checkpoint;
        if (c == null) {
            problem(lock, seq, Kind.MALFORMED_LINE, "the checkpoint payload is not valid JSON");
            return;
        }
        CheckpointVerificationException bad = pre.signature;
        if (pre.signedWith != key) {
            bad = null;
            try {
                key.verify(c);
            } catch (CheckpointVerificationException e) {
                bad = e;
            }
        }
        if (bad != null) {
            problem(lock, seq, Kind.BAD_SIGNATURE, bad.getMessage());
            return;
        }
        if (c.sequence() != seq - 1 || !c.chainHead().equals(p.head.toHex())) {
            problem(lock, seq, Kind.CHECKPOINT_MISMATCH, "the checkpoint signs head " + shorten(c.chainHead())
                    + " after sequence " + c.sequence() + ", but the trail has " + shorten(p.head.toHex()) + " after sequence "
                    + (seq - 1) + ": events up to it were changed after signing");
            return;
        }
        p.checkpoints++;
        p.lastSigned = c.sequence();
        p.lastSignedAt = c.at();
    }

    private VerificationReport finish() {
        Map<String, VerificationReport.LockSummary> summaries = new LinkedHashMap<>();
        locks.forEach((lock, p) -> {
            // A checkpoint line after the last signed event adds no event, so only later events
            // make an unsigned tail.
            if (continuation && p.lastEvent > p.lastSigned) {
                long from = p.lastSigned >= 0 ? p.lastSigned + 1 : p.first;
                problem0(0, lock, from, Kind.UNSIGNED_TAIL, "events " + from + " to " + p.lastEvent
                        + " are covered by the hash chain only: no checkpoint of the segment signs them");
            } else if (p.lastSigned < 0 && p.lastEvent >= 0) {
                problem0(0, lock, 0, Kind.NOT_SIGNED, "no checkpoint of this lock verified: events 0 to "
                        + p.lastEvent + " are chained but unsigned, and anyone can recompute a chain");
            } else if (p.lastEvent > p.lastSigned) {
                problem0(0, lock, p.lastSigned + 1, Kind.UNSIGNED_TAIL, "events after sequence " + p.lastSigned
                        + " (signed at " + p.lastSignedAt + ") up to " + p.lastEvent
                        + " are covered by the hash chain only; a truncation or rewrite after sequence "
                        + p.lastSigned + " cannot be detected");
            }
            if (p.lastSigned >= 0 && policy.signedThrough() != null && p.lastSignedAt.isBefore(policy.signedThrough())) {
                problem0(0, lock, p.lastSigned, Kind.POLICY_NOT_MET, "the latest signature was made at " + p.lastSignedAt
                        + ", before the required " + policy.signedThrough() + ": the export may have been cut");
            }
            if (p.lastSigned < policy.minSignedSequence()) {
                problem0(0, lock, p.lastSigned, Kind.POLICY_NOT_MET, "signed up to sequence " + p.lastSigned
                        + ", less than the required " + policy.minSignedSequence() + ": the export may have been cut");
            }
            long unreadable = p.named.stream().filter(subject -> !p.keys.containsKey(subject)).count();
            long readable = p.keys.keySet().stream().filter(subject -> !p.unopened.contains(subject)).count();
            summaries.put(lock, new VerificationReport.LockSummary(p.events, p.lastSequence, p.checkpoints, p.lastSigned,
                    p.lastSignedAt, readable, unreadable, p.anchor, p.anchoredAt));
        });
        if (lineNo == 0 && !continuation) {
            problem0(0, null, -1, Kind.MALFORMED_LINE, "the export is empty");
        }
        return new VerificationReport(failures == 0, lineNo, List.copyOf(problems), summaries);
    }

    private static Instant instantOrNull(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void problem(String lock, long seq, Kind kind, String message) {
        problem0(lineNo, lock, seq, kind, message);
    }

    private void problem0(long line, String lock, long seq, Kind kind, String message) {
        if (kind != Kind.UNSIGNED_TAIL) {
            failures++;
        }
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new TrailProblem(line, lock == null ? null : shorten(lock), seq, kind, message));
        }
    }

    private static String shorten(String s) {
        return ExportLine.shorten(s);
    }
}
