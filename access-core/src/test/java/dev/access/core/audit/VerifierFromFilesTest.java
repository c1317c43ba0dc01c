package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.crypto.ChainHead;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier on two committed exports of a real lock (see VerifierFixtures: a trail naming five
 * people, and the same lock's trail after a prune, starting at its retention anchor): every way an
 * anchor can fail, a misplaced anchor in an export and in a continuation, the personal-keys line's
 * rules, the unsigned tail of an export and of a segment, and the policy at its exact bounds. No
 * lock runtime runs here, so these tests take milliseconds.
 */
class VerifierFromFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCK = "front";

    private static List<String> named;
    private static List<String> pruned;
    private static TrailPublicKey key;
    private static Function<String, TrailPublicKey> keys;

    @BeforeAll
    static void load() {
        named = VerifierFixtures.lines("named.jsonl");
        pruned = VerifierFixtures.lines("pruned.jsonl");
        key = TrailPublicKey.parse(VerifierFixtures.text("front.pub"));
        keys = l -> LOCK.equals(l) ? key : null;
    }

    private static VerificationReport verify(List<String> lines) {
        return verify(lines, TrailVerifier.Policy.NONE);
    }

    private static VerificationReport verify(List<String> lines, TrailVerifier.Policy policy) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), keys, policy);
    }

    private static VerificationReport continuation(List<String> lines, long next, ChainHead head) {
        return TrailVerifier.verifyContinuation(lines, LOCK, key, next, head);
    }

    private static Set<Kind> kinds(VerificationReport r) {
        return r.problems().stream().map(TrailProblem::kind).collect(Collectors.toCollection(TreeSet::new));
    }

    private static TrailProblem only(VerificationReport r, Kind kind) {
        List<TrailProblem> of = r.problems().stream().filter(p -> p.kind() == kind).toList();
        assertEquals(1, of.size(), kind + " once among " + r.problems());
        return of.get(0);
    }

    private static VerificationReport.LockSummary summary(VerificationReport r) {
        return r.locks().get(LOCK);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChainHead chainOf(String line) {
        return ChainHead.fromHex(json(line).get("chain").asText());
    }

    private static long sequenceOf(String line) {
        return json(line).get("sequence").asLong();
    }

    private static int subjects() {
        return json(named.get(0)).get("personalKeys").size();
    }

    // ---- the clean exports

    @Test
    void theNamedTrail_verifies_readingEveryName() {
        VerificationReport r = verify(named);
        assertTrue(r.ok() && r.problems().isEmpty(), r.problems().toString());
        assertEquals(named.size(), r.lines());
        VerificationReport.LockSummary s = summary(r);
        assertEquals(named.size() - 1, s.events());
        assertEquals(12, s.lastSequence());
        assertEquals(3, s.checkpoints());
        assertEquals(11, s.lastSignedSequence());
        assertEquals(Instant.parse("2026-07-06T07:00:00Z"), s.lastSignedAt());
        assertEquals(5, subjects());
        assertEquals(subjects(), s.readablePeople());
        assertEquals(0, s.unreadablePeople());
        assertEquals(-1, s.anchorSequence());
    }

    @Test
    void withoutItsKeysLine_theTrailVerifies_butNoNameReads() {
        VerificationReport r = verify(named.subList(1, named.size()));
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(0, summary(r).readablePeople());
        assertEquals(subjects(), summary(r).unreadablePeople());
    }

    @Test
    void thePrunedTrail_verifiesFromItsAnchor() {
        VerificationReport r = verify(pruned);
        assertTrue(r.ok() && r.problems().isEmpty(), r.problems().toString());
        VerificationReport.LockSummary s = summary(r);
        assertEquals(12, s.anchorSequence());
        assertEquals(Instant.parse(json(json(pruned.get(1)).get("payload").asText()).get("at").asText()), s.anchoredAt());
        assertEquals(19, s.lastSequence());
        assertEquals(18, s.lastSignedSequence());
        assertEquals(2, s.checkpoints());
        assertEquals(pruned.size() - 1, s.events());
    }

    // ---- retention anchors

    /** The pruned export with its anchor line (index 1) edited: payload, then line. */
    private static List<String> anchorEdited(UnaryOperator<ObjectNode> payload, UnaryOperator<ObjectNode> line) {
        ObjectNode l = (ObjectNode) json(pruned.get(1));
        ObjectNode p = (ObjectNode) json(l.get("payload").asText());
        l.put("payload", payload.apply(p).toString());
        List<String> out = new ArrayList<>(pruned);
        out.set(1, line.apply(l).toString());
        return out;
    }

    private static List<String> anchorPayload(UnaryOperator<ObjectNode> payload) {
        return anchorEdited(payload, l -> l);
    }

    /** A tampered anchor: the report fails with exactly {@code expected}, and the trail is not anchored. */
    private static VerificationReport refused(List<String> lines, Set<Kind> expected) {
        VerificationReport r = verify(lines);
        assertFalse(r.ok());
        assertEquals(expected, kinds(r), r.problems().toString());
        assertEquals(-1, summary(r).anchorSequence(), "a failed anchor anchors nothing: " + r.problems());
        assertEquals(null, summary(r).anchoredAt());
        return r;
    }

    @Test
    void anAnchorUntouched_reserializesToItsOwnPayload() {
        // The edit helper itself changes nothing when it edits nothing: every refusal below is the edit's.
        assertEquals(pruned, anchorPayload(p -> p));
    }

    @Test
    void anAnchorOutOfItsExactForm_isAMismatch() {
        List<String> reordered = anchorPayload(p -> {
            JsonNode seq = p.remove("sequence");
            return p.set("sequence", seq);
        });
        TrailProblem p = only(refused(reordered, Set.of(Kind.ANCHOR_MISMATCH)), Kind.ANCHOR_MISMATCH);
        assertTrue(p.message().contains("not in the exact form the lock writes"), p.message());
        assertEquals(2, p.line());
        assertEquals(12, p.sequence());

        List<String> spaced = new ArrayList<>(pruned);
        spaced.set(1, pruned.get(1).replace("{\\\"lockId\\\":", "{ \\\"lockId\\\":"));
        assertFalse(spaced.equals(pruned));
        assertTrue(only(refused(spaced, Set.of(Kind.ANCHOR_MISMATCH)), Kind.ANCHOR_MISMATCH).message()
                .contains("exact form"));
    }

    @Test
    void anAnchorWhoseLineTimestampDisagrees_isInconsistent() {
        List<String> lines = anchorEdited(p -> p, l -> l.put("timestamp", "2026-07-06T08:51:01Z"));
        TrailProblem p = only(refused(lines, Set.of(Kind.INCONSISTENT_FIELDS)), Kind.INCONSISTENT_FIELDS);
        assertTrue(p.message().contains("timestamp 2026-07-06T08:51:01Z differs from the payload's at"), p.message());
    }

    @Test
    void anAnchorWhoseLineChainDisagrees_isAMismatch_andTheNextLineChainsFromTheLine() {
        String other = "00" + json(pruned.get(1)).get("chain").asText().substring(2);
        List<String> lines = anchorEdited(p -> p, l -> l.put("chain", other));
        VerificationReport r = refused(lines, Set.of(Kind.ANCHOR_MISMATCH, Kind.MODIFIED_EVENT));
        TrailProblem p = only(r, Kind.ANCHOR_MISMATCH);
        assertTrue(p.message().contains("after sequence 12, its line is sequence 12 with chain value"), p.message());
        assertEquals(13, only(r, Kind.MODIFIED_EVENT).sequence());
    }

    @Test
    void anAnchorWhoseLineSequenceDisagrees_isAMismatch() {
        List<String> lines = anchorEdited(p -> p, l -> l.put("sequence", 11));
        VerificationReport r = refused(lines, Set.of(Kind.ANCHOR_MISMATCH, Kind.MISSING_EVENTS));
        assertTrue(only(r, Kind.ANCHOR_MISMATCH).message().contains("after sequence 12, its line is sequence 11"));
    }

    @Test
    void anAnchoredStateChangedAfterSigning_isAMismatch() {
        List<String> lines = anchorPayload(p -> {
            ObjectNode lockout = (ObjectNode) p.get("state").get("lockout");
            lockout.put("consecutiveFailures", lockout.get("consecutiveFailures").asInt() + 1);
            return p;
        });
        TrailProblem p = only(refused(lines, Set.of(Kind.ANCHOR_MISMATCH)), Kind.ANCHOR_MISMATCH);
        assertTrue(p.message().contains("does not hash to the anchor's state hash"), p.message());
    }

    @Test
    void anAnchorSignedByAnotherKey_orWithAnotherSignature_isABadSignature() {
        List<String> otherKey = anchorPayload(p -> p.put("keyId", "0000000000000000"));
        TrailProblem p = only(refused(otherKey, Set.of(Kind.BAD_SIGNATURE)), Kind.BAD_SIGNATURE);
        assertTrue(p.message().contains("signed by key '0000000000000000', this key is '" + key.keyId() + "'"),
                p.message());

        List<String> otherSignature = anchorPayload(p2 -> {
            String s = p2.get("signature").asText();
            return p2.put("signature", s.substring(0, 3) + (s.charAt(3) == 'A' ? 'B' : 'A') + s.substring(4));
        });
        assertFalse(otherSignature.equals(pruned));
        p = only(refused(otherSignature, Set.of(Kind.BAD_SIGNATURE)), Kind.BAD_SIGNATURE);
        assertTrue(p.message().startsWith("the retention anchor at sequence 12: "), p.message());
    }

    @Test
    void anAnchorThatIsNoAnchor_isMalformed() {
        List<String> lines = anchorPayload(p -> {
            p.remove("stateSha256");
            return p;
        });
        TrailProblem p = only(refused(lines, Set.of(Kind.MALFORMED_LINE)), Kind.MALFORMED_LINE);
        assertEquals(12, p.sequence());
    }

    @Test
    void anAnchorWhoseStateLacksAField_isMalformed_namingIt() {
        List<String> lines = anchorPayload(p -> {
            ((ObjectNode) p.get("state")).remove("credentials");
            return p;
        });
        TrailProblem p = only(refused(lines, Set.of(Kind.MALFORMED_LINE)), Kind.MALFORMED_LINE);
        assertEquals(12, p.sequence());
        assertEquals("payload of TrailAnchored lacks state.credentials", p.message());
    }

    @Test
    void anAnchorAfterTheTrailsFirstRecord_isMisplaced_andTheFirstStillAnchors() {
        List<String> lines = new ArrayList<>(pruned);
        lines.add(4, pruned.get(1)); // after sequence 14
        VerificationReport r = verify(lines);
        assertFalse(r.ok());
        TrailProblem p = only(r, Kind.ANCHOR_MISPLACED);
        assertEquals("a retention anchor at sequence 12 follows sequence 14: a prune leaves its anchor only as the"
                + " first record of a trail", p.message());
        assertEquals(12, summary(r).anchorSequence());
    }

    @Test
    void aSegmentStartingAtAnAnchor_continuesNothingHeld_butNoHeldTrail() {
        List<String> segment = pruned.subList(1, pruned.size());
        VerificationReport fromNothing = continuation(segment, 0, ChainHead.GENESIS);
        assertTrue(fromNothing.ok() && fromNothing.problems().isEmpty(), fromNothing.problems().toString());
        assertEquals(12, summary(fromNothing).anchorSequence());

        VerificationReport held = continuation(segment, 5, chainOf(named.get(5)));
        assertFalse(held.ok());
        TrailProblem p = only(held, Kind.ANCHOR_MISPLACED);
        assertTrue(p.message().contains("but the trail held here ends at sequence 4: the events 5..12 were removed"
                + " before they were received"), p.message());
        assertEquals(-1, summary(held).anchorSequence());

        VerificationReport justBefore = continuation(segment, 12, chainOf(named.get(12)));
        assertTrue(only(justBefore, Kind.ANCHOR_MISPLACED).message()
                .contains("ends at sequence 11: the events 12 were removed"));
    }

    // ---- unsigned tails, in an export and in a segment

    @Test
    void anExportCutAfterItsLastCheckpoint_hasAnUnsignedTail_andOneWithoutCheckpointIsNotSigned() {
        VerificationReport tail = verify(named.subList(0, 13)); // through sequence 11
        assertTrue(tail.ok(), "an unsigned tail is not a failure");
        TrailProblem p = only(tail, Kind.UNSIGNED_TAIL);
        assertEquals(9, p.sequence());
        assertEquals("events after sequence 8 (signed at 2026-07-06T06:40:00Z) up to 11 are covered by the hash chain"
                + " only; a truncation or rewrite after sequence 8 cannot be detected", p.message());

        VerificationReport none = verify(named.subList(0, 5)); // sequences 0..3
        assertFalse(none.ok());
        assertEquals(Set.of(Kind.NOT_SIGNED), kinds(none));
        assertTrue(only(none, Kind.NOT_SIGNED).message().startsWith("no checkpoint of this lock verified: events 0 to 3"));
    }

    @Test
    void aSegment_endingAtItsCheckpoint_isWhollySigned_elseItsTailIsNamed() {
        ChainHead after4 = chainOf(named.get(5));
        VerificationReport whole = continuation(named.subList(6, 14), 5, after4);
        assertTrue(whole.ok() && whole.problems().isEmpty(), whole.problems().toString());
        assertEquals(11, summary(whole).lastSignedSequence());

        VerificationReport cut = continuation(named.subList(6, 13), 5, after4);
        assertTrue(cut.ok());
        assertEquals("events 9 to 11 are covered by the hash chain only: no checkpoint of the segment signs them",
                only(cut, Kind.UNSIGNED_TAIL).message());

        VerificationReport unsigned = continuation(named.subList(6, 10), 5, after4);
        assertTrue(unsigned.ok());
        TrailProblem p = only(unsigned, Kind.UNSIGNED_TAIL);
        assertEquals(5, p.sequence());
        assertTrue(p.message().startsWith("events 5 to 8 "), p.message());
    }

    // ---- the auditor's policy at its bounds

    @Test
    void thePolicy_isMetAtItsExactBounds_andMissedJustPast() {
        Instant signedAt = Instant.parse("2026-07-06T07:00:00Z");
        assertTrue(verify(named, new TrailVerifier.Policy(signedAt, 11)).ok());
        VerificationReport late = verify(named, new TrailVerifier.Policy(signedAt.plusNanos(1), -1));
        assertFalse(late.ok());
        assertTrue(only(late, Kind.POLICY_NOT_MET).message().startsWith("the latest signature was made at " + signedAt));
        VerificationReport more = verify(named, new TrailVerifier.Policy(null, 12));
        assertFalse(more.ok());
        assertEquals("signed up to sequence 11, less than the required 12: the export may have been cut",
                only(more, Kind.POLICY_NOT_MET).message());
    }

    // ---- the personal-keys line

    private static ObjectNode keysLine() {
        return (ObjectNode) json(named.get(0));
    }

    @Test
    void aKeysLineOfAnUnknownLock_isReported() {
        List<String> lines = new ArrayList<>(named);
        lines.set(0, keysLine().put("lock", "back").toString());
        VerificationReport r = verify(lines);
        assertFalse(r.ok());
        assertEquals(Set.of(Kind.UNKNOWN_LOCK), kinds(r));
        assertTrue(only(r, Kind.UNKNOWN_LOCK).message().endsWith("(of a personal-keys line)"));
        assertEquals(0, summary(r).readablePeople());
    }

    @Test
    void aSecondKeysLine_orOneAfterTheFirstRecord_isReported_andNotUsed() {
        List<String> twice = new ArrayList<>(named);
        twice.add(1, named.get(0));
        VerificationReport r = verify(twice);
        assertEquals(Set.of(Kind.PERSONAL_KEYS), kinds(r));
        assertEquals("a second personal-keys line of the lock: an export carries one", only(r, Kind.PERSONAL_KEYS).message());
        assertEquals(2, only(r, Kind.PERSONAL_KEYS).line());

        List<String> late = new ArrayList<>(named.subList(1, named.size()));
        late.add(3, named.get(0));
        r = verify(late);
        assertEquals(Set.of(Kind.PERSONAL_KEYS), kinds(r));
        assertTrue(only(r, Kind.PERSONAL_KEYS).message().contains("after the lock's first record (sequence 0)"));
        assertEquals(0, summary(r).readablePeople(), "a late keys line reads no name");
    }

    @Test
    void swappedKeys_areEachReported_andReadNoName() {
        ObjectNode line = keysLine();
        ObjectNode given = (ObjectNode) line.get("personalKeys");
        Iterator<Map.Entry<String, JsonNode>> it = given.fields();
        Map.Entry<String, JsonNode> a = it.next();
        Map.Entry<String, JsonNode> b = it.next();
        String aKey = a.getValue().asText();
        String bKey = b.getValue().asText();
        String aSubject = a.getKey();
        String bSubject = b.getKey();
        given.put(aSubject, bKey);
        given.put(bSubject, aKey);
        List<String> lines = new ArrayList<>(named);
        lines.set(0, line.toString());
        VerificationReport r = verify(lines);
        assertFalse(r.ok());
        List<String> messages = r.problems().stream().map(TrailProblem::message).toList();
        assertEquals(List.of(
                "the key given for subject " + aSubject + " is not that subject's (it is subject " + bSubject
                        + "'s): a substituted key; no name is read with it",
                "the key given for subject " + bSubject + " is not that subject's (it is subject " + aSubject
                        + "'s): a substituted key; no name is read with it"), messages);
        assertEquals(subjects() - 2, summary(r).readablePeople());
        assertEquals(2, summary(r).unreadablePeople());
    }

    @Test
    void aSealedNameThatDoesNotOpen_isReportedOncePerSubject() {
        String line = named.get(2);
        int at = line.indexOf("~pd1.");
        String subject = line.substring(at + 5, line.indexOf('.', at + 5));
        int flip = line.indexOf('.', at + 5) + 10;
        List<String> lines = Forgery.rechain(named, 2, l -> l.substring(0, flip)
                + (l.charAt(flip) == 'A' ? 'B' : 'A') + l.substring(flip + 1));
        VerificationReport r = verify(lines);
        assertFalse(r.ok());
        TrailProblem p = only(r, Kind.PERSONAL_KEYS);
        assertEquals("a sealed name of subject " + subject + " does not open with the subject's key: the name or the"
                + " key was altered", p.message());
        assertEquals(sequenceOf(line), p.sequence());
        assertEquals(subjects() - 1, summary(r).readablePeople());
    }

    // ---- a record's fields against its payload, the chain recomputed

    @Test
    void aRechainedPayloadThatIsNoObject_orNamesAnotherLock_isInconsistent() {
        int entry = 6; // sequence 5, an entry
        List<String> array = Forgery.rechain(named, entry, l -> {
            ObjectNode n = (ObjectNode) json(l);
            return n.put("payload", "[1]").toString();
        });
        VerificationReport r = verify(array);
        assertEquals("the payload is not a JSON object (payload modified)", only(r, Kind.INCONSISTENT_FIELDS).message());

        List<String> other = Forgery.rechain(named, entry, l -> {
            ObjectNode n = (ObjectNode) json(l);
            ObjectNode p = (ObjectNode) json(n.get("payload").asText());
            return n.put("payload", p.put("lockId", "back").toString()).toString();
        });
        r = verify(other);
        assertEquals("lock 'front' differs from the payload's lockId (lock or payload modified)",
                only(r, Kind.INCONSISTENT_FIELDS).message());
        assertEquals(5, only(r, Kind.INCONSISTENT_FIELDS).sequence());
    }
}
