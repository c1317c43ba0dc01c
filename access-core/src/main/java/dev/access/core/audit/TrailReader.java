package dev.access.core.audit;

import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.LockEvent;
import dev.access.core.internal.trail.AuditForm;
import dev.access.core.trail.TrailRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/*
 * Implementation notes.
 *
 * Lines are split exactly as TrailVerifier splits them ('\n', a trailing '\r' dropped, a last line
 * without terminator accepted) and with the same length limit, so a line number here is a line
 * number there. Reading is not verifying: a reader trusts the content it is given; verify first
 * (TrailVerifier) when the export comes from elsewhere.
 */
/**
 * Streams a JSON Lines export (as {@link TrailExport} writes it) into {@link TrailRecord}s and
 * their parsed events, for one lock or all; a lock's personal-keys line gives its history's
 * {@link Names}.
 *
 * <p>Guarantees: no input makes it throw (I/O errors of the reader excepted): a malformed line,
 * an unknown event type or a payload that does not fit its type is reported as a {@link Line}
 * with a problem, and reading goes on; memory does not grow with the export when streaming.
 */
public final class TrailReader {
    /** The longest line accepted, in characters (as {@link TrailVerifier#MAX_LINE}). */
    public static final int MAX_LINE = TrailVerifier.MAX_LINE;

    private static final String TOO_LONG = new String("too long");

    private TrailReader() {
    }

    /**
     * One line of an export as read: a trail record, or a lock's personal-keys line (see
     * {@link TrailExport}), or a line with a problem.
     *
     * @param number the 1-based line number
     * @param record the trail record, or null if the line is not one
     * @param event the parsed event ({@link LockEvent}, {@link dev.access.core.trail.TrailCheckpointed} or
     *     {@link dev.access.core.trail.TrailAnchored}), or null if it could not be parsed
     * @param problem what is wrong with the line, or null
     * @param keysLock for a personal-keys line, its lock, else null
     * @param personalKeys for a personal-keys line, its keys (subject id to 32-byte key, as the line
     *     gives them: not yet checked against their ids, see {@link Names}), else null
     */
    public record Line(long number, TrailRecord record, Object event, TrailProblem problem, String keysLock,
            Map<String, byte[]> personalKeys) {
        /** A line that is not a personal-keys line. */
        public Line(long number, TrailRecord record, Object event, TrailProblem problem) {
            this(number, record, event, problem, null, null);
        }

        /** Whether the line was read into a record and an event, or is a well-formed personal-keys line. */
        public boolean ok() {
            return problem == null;
        }

        /** Whether the line is a well-formed personal-keys line. */
        public boolean isPersonalKeys() {
            return personalKeys != null;
        }

        /** The line's lock as far as it could be read (record, keys line or problem), or null. */
        public String lock() {
            return record != null ? record.lock() : keysLock != null ? keysLock
                    : problem != null ? problem.lock() : null;
        }

        /** Shows the keys line's subjects, never a key. */
        @Override
        public String toString() {
            return "Line[" + number + ", record=" + record + ", event=" + event + ", problem=" + problem
                    + (personalKeys == null ? "" : ", personalKeys of " + keysLock + " for " + personalKeys.keySet())
                    + "]";
        }
    }

    /**
     * What a read saw.
     *
     * @param lines the lines read
     * @param records the lines delivered with a readable record (of the selected lock)
     * @param problems the lines delivered with a problem
     */
    public record Summary(long lines, long records, long problems) {
    }

    /**
     * Reads every line and hands each to {@code sink}: lines of {@code lock} (or of every lock if
     * it is null), and malformed lines whose lock cannot be told.
     *
     * @param lock the lock to keep, or null for all
     * @throws UncheckedIOException if the reader fails
     */
    public static Summary read(BufferedReader in, String lock, Consumer<Line> sink) {
        long[] counts = new long[2];
        long lineNo;
        try {
            lineNo = LinePipeline.run(() -> readLine(in), TrailReader::parseAll, (number, text, line) -> {
                String lineLock = line.lock();
                if (lock != null && lineLock != null && !lock.equals(lineLock)) {
                    return;
                }
                if (line.record() != null) {
                    counts[0]++;
                }
                if (line.problem() != null) {
                    counts[1]++;
                }
                sink.accept(line);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long records = counts[0];
        long problems = counts[1];
        return new Summary(lineNo, records, problems);
    }

    /**
     * Reads one lock's history: its events by sequence, with every unreadable line (and every
     * line repeating an earlier sequence) as a problem.
     */
    public static LockHistory history(BufferedReader in, String lock) {
        HistoryBuilder b = new HistoryBuilder(lock);
        read(in, lock, line -> b.accept(line));
        return b.build();
    }

    /**
     * Reads every lock's history, in order of first appearance. Lines whose lock cannot be told
     * are listed under the key {@code ""}.
     */
    public static Map<String, LockHistory> histories(BufferedReader in) {
        Map<String, HistoryBuilder> builders = new LinkedHashMap<>();
        read(in, null, line -> {
            String lock = line.lock() != null ? line.lock() : "";
            builders.computeIfAbsent(lock, HistoryBuilder::new).accept(line);
        });
        Map<String, LockHistory> out = new LinkedHashMap<>();
        builders.forEach((lock, b) -> out.put(lock, b.build()));
        return out;
    }

    /** The lines of a chunk parsed (see LinePipeline): on any thread, no state. */
    private static List<Line> parseAll(long firstLine, List<String> texts) {
        List<Line> out = new ArrayList<>(texts.size());
        long lineNo = firstLine;
        for (String text : texts) {
            out.add(text == TOO_LONG
                    ? new Line(lineNo, null, null, problem(lineNo, null, -1, "longer than " + MAX_LINE + " characters"))
                    : parse(lineNo, text));
            lineNo++;
        }
        return out;
    }

    /** Parses one line of an export (as {@link TrailVerifier} reads it); never throws. */
    public static Line parse(long number, String text) {
        ExportLine.Parsed parsed = ExportLine.parse(text);
        TrailRecord record = parsed.record();
        if (parsed.isKeys()) {
            return new Line(number, null, null, null, parsed.lock(), parsed.keys());
        }
        if (record == null) {
            return new Line(number, null, null, problem(number, parsed.lock(), parsed.sequence(), parsed.problem()));
        }
        try {
            return new Line(number, record, AuditForm.parse(record.type(), record.payload()), null);
        } catch (IllegalArgumentException e) {
            return new Line(number, record, null, problem(number, record.lock(), record.sequence(), e.getMessage()));
        }
    }

    private static TrailProblem problem(long line, String lock, long seq, String message) {
        return new TrailProblem(line, lock == null ? null : shorten(lock), seq, Kind.MALFORMED_LINE, message);
    }

    /**
     * The record a line holds, or null if it is not one: the same parse {@link TrailVerifier}
     * makes, without reading the event inside the payload.
     */
    public static TrailRecord record(String text) {
        return ExportLine.parse(text).record();
    }

    /**
     * Whether a line is a well-formed personal-keys line ({@code {"lock":…,"personalKeys":{…}}},
     * see {@link TrailExport}): what a reader that keeps no names (a backend's ledger, an archive)
     * leaves out.
     */
    public static boolean isPersonalKeys(String text) {
        return text != null && !isTooLong(text) && text.contains(ExportLine.PERSONAL_KEYS)
                && ExportLine.parse(text).isKeys();
    }

    /**
     * Reads one line, without its terminator ({@code \n}, or {@code \r\n}), at most
     * {@link #MAX_LINE} characters: a longer one is returned as a marker that {@link #isTooLong}
     * recognises, without being held in memory. Null at the end of the input.
     */
    public static String readLine(BufferedReader in) throws IOException {
        // Reads blocks, not characters: each block is read past a mark, and the reader is reset
        // to just after the line's '\n' (so the reader stays positioned exactly as a
        // character-by-character read would leave it, for callers that read on).
        char[] buf = CHUNK.get();
        StringBuilder sb = null;
        long length = 0;
        while (true) {
            in.mark(buf.length);
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                if (n == 0) {
                    continue;
                }
                if (length == 0) {
                    return null;
                }
                return sb == null ? TOO_LONG : withinLimit(stripCr(sb));
            }
            int nl = -1;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int take = nl < 0 ? n : nl;
            if (nl >= 0) {
                in.reset();
                long skipped = 0;
                while (skipped < nl + 1) {
                    skipped += in.skip(nl + 1 - skipped);
                }
            }
            // One character over the limit may still be a '\r' before the '\n', which is not part of
            // the line: the exact check is made on the line without it.
            if (length + take > MAX_LINE + 1L) {
                length = MAX_LINE + 2L;
                sb = null;
            } else if (nl >= 0 && sb == null) {
                int end = take > 0 && buf[take - 1] == '\r' ? take - 1 : take;
                return end > MAX_LINE ? TOO_LONG : new String(buf, 0, end);
            } else {
                if (sb == null) {
                    sb = new StringBuilder(Math.max(16, take * 2));
                }
                sb.append(buf, 0, take);
                length += take;
            }
            if (nl >= 0) {
                return sb == null ? TOO_LONG : withinLimit(stripCr(sb));
            }
        }
    }

    /** The block {@link #readLine} reads through, per thread (short lines: little is read twice). */
    private static final ThreadLocal<char[]> CHUNK = ThreadLocal.withInitial(() -> new char[512]);

    /** Whether {@code line} is the marker {@link #readLine} returns for an over-long line. */
    public static boolean isTooLong(String line) {
        return line == TOO_LONG;
    }

    private static String withinLimit(String line) {
        return line.length() > MAX_LINE ? TOO_LONG : line;
    }

    private static String stripCr(StringBuilder sb) {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
    }

    private static String shorten(String s) {
        return ExportLine.shorten(s);
    }

    /**
     * Collects one lock's lines into a {@link LockHistory}; the lock's personal-keys line gives its
     * {@link Names} (a keys line after the lock's first record, or a second one, is a problem and
     * its keys are not used, as {@link TrailVerifier} reports it).
     */
    static final class HistoryBuilder {
        private final String lock;
        private final TreeMap<Long, SequencedEvent> events = new TreeMap<>();
        private final java.util.Set<Long> seen = new java.util.HashSet<>();
        private final List<TrailProblem> problems = new ArrayList<>();
        private boolean recordSeen;
        private boolean keysSeen;
        private Names names = Names.NONE;
        private dev.access.core.trail.TrailAnchored anchor;

        HistoryBuilder(String lock) {
            this.lock = lock;
        }

        void accept(Line line) {
            if (line.isPersonalKeys()) {
                keys(line);
                return;
            }
            if (line.record() != null) {
                recordSeen = true;
            }
            if (line.problem() != null) {
                problem(line.problem());
                return;
            }
            add(line.number(), line.record().sequence(), line.event());
        }

        private void keys(Line line) {
            String misplaced = keysSeen ? "a second personal-keys line of the lock; its keys are not used"
                    : recordSeen ? "a personal-keys line after the lock's first record; its keys are not used" : null;
            keysSeen = true;
            if (misplaced != null) {
                problem(new TrailProblem(line.number(), lock, -1, Kind.PERSONAL_KEYS, misplaced));
                return;
            }
            names = Names.of(line.personalKeys());
        }

        void add(long lineNo, long sequence, Object event) {
            if (sequence < 0) {
                problem(new TrailProblem(lineNo, lock, sequence, Kind.MALFORMED_LINE,
                        "sequence " + sequence + " is negative"));
                return;
            }
            if (!seen.add(sequence)) {
                problem(new TrailProblem(lineNo, lock, sequence, Kind.DUPLICATE_EVENT,
                        "sequence " + sequence + " was read before; this line is ignored"));
                return;
            }
            if (event instanceof dev.access.core.trail.TrailAnchored) {
                if (anchor == null && seen.size() == 1) {
                    anchor = (dev.access.core.trail.TrailAnchored) event;
                } else {
                    problem(new TrailProblem(lineNo, lock, sequence, Kind.ANCHOR_MISPLACED, "a retention anchor at"
                            + " sequence " + sequence + " is not the trail's first record; it is ignored"));
                }
                return;
            }
            if (event instanceof LockEvent) {
                events.put(sequence, new SequencedEvent(sequence, (LockEvent) event));
            }
        }

        void problem(TrailProblem p) {
            if (problems.size() < TrailVerifier.MAX_PROBLEMS) {
                problems.add(p);
            }
        }

        /** Uses {@code n} for the lock's names (a history read from a store that hands its keys over). */
        void names(Names n) {
            names = n;
        }

        LockHistory build() {
            List<SequencedEvent> list = new ArrayList<>(events.values());
            if (anchor != null && !list.isEmpty() && list.get(0).sequence() <= anchor.sequence()) {
                // Records before the anchor (out of order): the anchor cannot be their start.
                problem(new TrailProblem(0, lock, anchor.sequence(), Kind.ANCHOR_MISPLACED, "the retention anchor at"
                        + " sequence " + anchor.sequence() + " follows records at lower sequences; it is ignored"));
                anchor = null;
            }
            return new LockHistory(lock, list, problems, anchor, names);
        }
    }
}
