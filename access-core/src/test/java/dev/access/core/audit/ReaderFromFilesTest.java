package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.audit.TrailProblem.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reader on the committed exports of a real lock (see VerifierFixtures): histories with their
 * names and anchor, an anchor out of place, personal-keys lines out of place, the lock filter and
 * its counts, lines whose lock cannot be told, and the problem cap. No lock runtime runs here.
 */
class ReaderFromFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK = "front";

    private static List<String> named;
    private static List<String> pruned;

    @BeforeAll
    static void load() {
        named = VerifierFixtures.lines("named.jsonl");
        pruned = VerifierFixtures.lines("pruned.jsonl");
    }

    private static BufferedReader reader(List<String> lines) {
        return new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
    }

    private static LockHistory history(List<String> lines) {
        return TrailReader.history(reader(lines), LOCK);
    }

    private static List<Kind> kinds(LockHistory h) {
        return h.problems().stream().map(TrailProblem::kind).toList();
    }

    private static String withSequence(String line, long sequence) {
        try {
            return ((ObjectNode) JSON.readTree(line)).put("sequence", sequence).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theNamedTrail_readsEveryEvent_andItsFivePeople() {
        LockHistory h = history(named);
        assertEquals(List.of(), h.problems());
        // 13 records, 3 of them checkpoints: 10 events, in sequence.
        assertEquals(List.of(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L, 10L, 11L),
                h.events().stream().map(SequencedEvent::sequence).toList());
        assertEquals(5, h.names().people());
        assertNull(h.anchor());
        assertEquals(0, history(named.subList(1, named.size())).names().people(), "no keys line, no names");
    }

    @Test
    void thePrunedTrail_startsAtItsAnchor() {
        LockHistory h = history(pruned);
        assertEquals(List.of(), h.problems());
        assertEquals(12, h.anchor().sequence());
        assertEquals(List.of(13L, 14L, 15L, 16L, 18L), h.events().stream().map(SequencedEvent::sequence).toList());
    }

    @Test
    void aSecondAnchor_isMisplacedAndIgnored_andARepeatedSequenceIsADuplicate() {
        List<String> lines = new ArrayList<>(pruned);
        lines.add(withSequence(pruned.get(1), 30));
        lines.add(pruned.get(1));
        LockHistory h = history(lines);
        assertEquals(List.of(Kind.ANCHOR_MISPLACED, Kind.DUPLICATE_EVENT), kinds(h));
        assertEquals("a retention anchor at sequence 30 is not the trail's first record; it is ignored",
                h.problems().get(0).message());
        assertEquals(pruned.size() + 1, h.problems().get(0).line());
        assertEquals("sequence 12 was read before; this line is ignored", h.problems().get(1).message());
        assertEquals(12, h.anchor().sequence(), "the first anchor still stands");
    }

    @Test
    void anAnchorFollowedByALowerSequence_isNotTheStart() {
        List<String> lines = new ArrayList<>(pruned.subList(0, 2));
        lines.add(named.get(6)); // sequence 5, after the anchor at 12
        lines.addAll(pruned.subList(2, pruned.size()));
        LockHistory h = history(lines);
        assertEquals(List.of(Kind.ANCHOR_MISPLACED), kinds(h));
        assertEquals("the retention anchor at sequence 12 follows records at lower sequences; it is ignored",
                h.problems().get(0).message());
        assertNull(h.anchor());
        assertEquals(5L, h.events().get(0).sequence());

        List<String> anchorSecond = new ArrayList<>(List.of(pruned.get(0), pruned.get(2), pruned.get(1)));
        LockHistory second = history(anchorSecond);
        assertEquals(List.of(Kind.ANCHOR_MISPLACED), kinds(second));
        assertTrue(second.problems().get(0).message().endsWith("is not the trail's first record; it is ignored"));
        assertNull(second.anchor());
    }

    @Test
    void aKeysLineTwice_orAfterTheFirstRecord_isAProblem_andItsKeysAreNotUsed() {
        List<String> twice = new ArrayList<>(named);
        twice.add(1, named.get(0));
        LockHistory h = history(twice);
        assertEquals(List.of(Kind.PERSONAL_KEYS), kinds(h));
        assertEquals("a second personal-keys line of the lock; its keys are not used", h.problems().get(0).message());
        assertEquals(2, h.problems().get(0).line());
        assertEquals(5, h.names().people(), "the first line's keys stand");

        List<String> late = new ArrayList<>(named.subList(1, named.size()));
        late.add(1, named.get(0));
        h = history(late);
        assertEquals("a personal-keys line after the lock's first record; its keys are not used",
                h.problems().get(0).message());
        assertEquals(0, h.names().people());
    }

    @Test
    void read_keepsTheSelectedLock_andLinesOfNoKnownLock_andCountsThem() {
        List<String> lines = new ArrayList<>(named);
        lines.add("not json");
        lines.add(named.get(3).replace("\"lock\":\"front\"", "\"lock\":\"back\""));
        List<TrailReader.Line> seen = new ArrayList<>();
        TrailReader.Summary front = TrailReader.read(reader(lines), LOCK, seen::add);
        assertEquals(new TrailReader.Summary(lines.size(), named.size() - 1, 1), front);
        assertEquals(named.size() + 1, seen.size(), "the keys line, the records, the line of no known lock");
        assertTrue(seen.get(0).isPersonalKeys() && seen.get(0).ok());
        assertEquals(LOCK, seen.get(0).lock());
        assertEquals(LOCK, seen.get(1).lock());
        assertNull(seen.get(seen.size() - 1).lock());
        assertEquals(Kind.MALFORMED_LINE, seen.get(seen.size() - 1).problem().kind());

        assertEquals(new TrailReader.Summary(lines.size(), 1, 1), TrailReader.read(reader(lines), "back", l -> { }));
        assertEquals(new TrailReader.Summary(lines.size(), named.size(), 1), TrailReader.read(reader(lines), null, l -> { }));
    }

    @Test
    void aLineWithAReadableLockButNoRecord_isThatLocksProblem() {
        String bad = named.get(3).replace("\"type\":\"CodeAdded\"", "\"type\":7");
        TrailReader.Line line = TrailReader.parse(9, bad);
        assertNull(line.record());
        assertEquals(LOCK, line.lock());
        assertEquals(9, line.problem().line());
        assertEquals(Kind.MALFORMED_LINE, line.problem().kind());

        TrailReader.Line unknown = TrailReader.parse(4, named.get(3).replace("\"type\":\"CodeAdded\"", "\"type\":\"Nope\""));
        assertEquals(LOCK, unknown.lock());
        assertTrue(unknown.record() != null && unknown.event() == null && !unknown.ok());
        assertTrue(unknown.problem().message().contains("Nope"), unknown.problem().message());
    }

    @Test
    void histories_listLinesOfNoKnownLockUnderTheEmptyName_andCapTheProblems() {
        List<String> lines = new ArrayList<>(named);
        lines.addAll(Collections.nCopies(TrailVerifier.MAX_PROBLEMS + 3, "not json"));
        Map<String, LockHistory> all = TrailReader.histories(reader(lines));
        assertEquals(List.of(LOCK, ""), List.copyOf(all.keySet()));
        assertEquals(TrailVerifier.MAX_PROBLEMS, all.get("").problems().size());
        assertEquals(List.of(), all.get(LOCK).problems());
        assertEquals(10, all.get(LOCK).events().size());
    }

    @Test
    void aHistory_keepsItsLocksUnreadableLines_asProblems_andReadsOn() {
        List<String> lines = new ArrayList<>(named);
        String unknownType = named.get(3).replace("\"type\":\"CodeAdded\"", "\"type\":\"Nope\"");
        lines.set(3, unknownType);
        LockHistory h = history(lines);
        assertEquals(List.of(Kind.MALFORMED_LINE), kinds(h));
        assertEquals(4, h.problems().get(0).line());
        assertEquals(List.of(0L, 1L, 3L, 5L, 6L, 7L, 8L, 10L, 11L),
                h.events().stream().map(SequencedEvent::sequence).toList(), "sequence 2 is the unreadable line");
    }

    @Test
    void isPersonalKeys_isTrueForAWellFormedKeysLineOnly() {
        assertTrue(TrailReader.isPersonalKeys(named.get(0)));
        assertFalse(TrailReader.isPersonalKeys(named.get(1)), "a record");
        assertFalse(TrailReader.isPersonalKeys(null));
        assertFalse(TrailReader.isPersonalKeys("{\"lock\":\"front\",\"personalKeys\":[]}"), "keys not an object");
        assertFalse(TrailReader.isPersonalKeys("personalKeys"), "the word alone");
        assertFalse(TrailReader.isPersonalKeys(named.get(0).replace("personalKeys", "personalkeys")));
    }

    @Test
    void isPersonalKeys_isFalseForTheTooLongMarker() throws IOException {
        String longKeys = named.get(0).replace("}}", "}" + " ".repeat(TrailReader.MAX_LINE) + "}");
        String read = TrailReader.readLine(new BufferedReader(new StringReader(longKeys + "\n")));
        assertTrue(TrailReader.isTooLong(read));
        assertFalse(TrailReader.isPersonalKeys(read));
    }

    @Test
    void record_readsALinesFieldsWithoutItsEvent_andNullForWhatIsNoRecord() {
        assertEquals(3, TrailReader.record(named.get(4)).sequence());
        assertEquals(LOCK, TrailReader.record(named.get(4)).lock());
        // The payload is not read: a type no lock writes still gives its record.
        assertEquals("Nope", TrailReader.record(named.get(4).replaceFirst("\"type\":\"\\w+\"", "\"type\":\"Nope\"")).type());
        assertNull(TrailReader.record(named.get(0)), "a keys line");
        assertNull(TrailReader.record("not json"));
    }

    @Test
    void aKeysLine_showsItsLockAndSubjects_neverAKey() {
        TrailReader.Line keys = TrailReader.parse(1, named.get(0));
        String shown = keys.toString();
        assertTrue(shown.startsWith("Line[1, "), shown);
        assertTrue(shown.contains("personalKeys of front for "), shown);
        assertEquals(5, keys.personalKeys().size());
        for (Map.Entry<String, byte[]> k : keys.personalKeys().entrySet()) {
            assertTrue(shown.contains(k.getKey()), "the subject " + k.getKey());
            String key = java.util.Base64.getEncoder().encodeToString(k.getValue());
            assertTrue(named.get(0).contains(key), "the key as the line gives it");
            assertFalse(shown.contains(key), "a key is never shown");
        }
        String record = TrailReader.parse(2, named.get(1)).toString();
        assertTrue(record.startsWith("Line[2, record=") && !record.contains("personalKeys of"), record);
    }

    @Test
    void aHistoryFromRecords_isTheSameAsFromLines_andRefusesANegativeSequenceOrAnUnreadablePayload() {
        List<dev.access.core.trail.TrailRecord> records = new ArrayList<>();
        for (String line : named.subList(1, named.size())) {
            records.add(TrailReader.record(line));
        }
        LockHistory fromLines = history(named.subList(1, named.size()));
        LockHistory fromRecords = LockHistory.ofRecords(LOCK, records);
        assertEquals(fromLines.events(), fromRecords.events());
        assertEquals(List.of(), fromRecords.problems());

        dev.access.core.trail.TrailRecord r = records.get(2);
        records.add(new dev.access.core.trail.TrailRecord(r.lock(), -1, r.type(), r.timestamp(), r.payload(), r.chain()));
        records.add(new dev.access.core.trail.TrailRecord(r.lock(), 40, "Nope", r.timestamp(), r.payload(), r.chain()));
        records.add(new dev.access.core.trail.TrailRecord("back", 41, r.type(), r.timestamp(), r.payload(), r.chain()));
        LockHistory h = LockHistory.ofRecords(LOCK, records);
        assertEquals(List.of(Kind.MALFORMED_LINE, Kind.MALFORMED_LINE), kinds(h));
        assertEquals("sequence -1 is negative", h.problems().get(0).message());
        assertEquals(records.size() - 2, h.problems().get(0).line());
        assertEquals(-1, h.problems().get(0).sequence());
        assertEquals("unknown trail event type 'Nope'", h.problems().get(1).message());
        assertEquals(fromLines.events(), h.events(), "the other lock's record is not this lock's");
    }
}
