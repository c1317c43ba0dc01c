package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.Diagnosis.Question;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.Actor;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.PersonalData;
import dev.access.crypto.TrailPublicKey;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's side of sealed names: an export carries the keys of the living people it names, so
 * every output of the toolkit reads names and says who did what; without a key (an erased person,
 * an export without keys) a name reads "(erased)"; a substituted key is reported and never reads as
 * another name; no output ever shows a sealed value. Real SQLite store and key ring files, real crypto.
 */
class PersonalNamesAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LockId LOCK = LockId.of("front");
    private static final Instant T0 = Instant.parse("2026-07-06T06:00:00Z");
    private static final String HOLDER = "Zelda-Quixote";
    private static final String ADMIN = "Bartholomew";

    @TempDir
    Path dir;

    private SimulatedClock clock;
    private FileKeyRing ring;
    private AccessControl access;
    private LockStore store;

    @BeforeEach
    void open() {
        clock = new SimulatedClock(T0);
        ring = FileKeyRing.open(dir.resolve("data").resolve("keys"));
        store = LockStore.sqlite(dir.resolve("data"));
        access = AccessControl.builder().store(store).keyRing(ring).clock(clock)
                .checkpointEvery(5).build();
        access.commission(LockSetup.of(LOCK).withDevice("KP-100", "SN-1", "1.0.0").withTimeZone("Europe/Berlin"),
                "90817263".toCharArray(), Actor.installer("Ivo"));
        access.addCode(LOCK, NewCode.unrestricted(3, HOLDER), "31415926".toCharArray(), Actor.local(ADMIN));
        access.addCode(LOCK, NewCode.unrestricted(4, "cleaner"), "27182818".toCharArray(), Actor.remote("Carla"));
        step();
        assertTrue(access.enter(LOCK, "31415926".toCharArray(), EntrySource.KEYPAD).granted());
        step();
        access.changeCode(LOCK, 4, "16180339".toCharArray(), Actor.remote("Carla"));
        step();
        access.suspendCode(LOCK, 4, Actor.local(ADMIN));
        step();
        access.changeMode(LOCK, OperatingMode.PRIVACY, Actor.remote("Carla"));
        step();
        access.removeCode(LOCK, 3, Actor.local(ADMIN));
        step();
        access.checkpoint(LOCK);
    }

    /** Closes the lock and its store (an open store's pool could touch its files while the directory is removed). */
    @AfterEach
    void close() {
        access.close();
        store.close();
    }

    private void step() {
        clock.advance(Duration.ofMinutes(10));
    }

    private String export() {
        StringWriter w = new StringWriter();
        TrailExport.write(access, LOCK, w, access.personalKeys(LOCK));
        return w.toString();
    }

    private Function<String, TrailPublicKey> key() {
        TrailPublicKey k = TrailPublicKey.parse(access.publicKey(LOCK).export());
        return id -> k.lockId().equals(id) ? k : null;
    }

    private static LockHistory read(String export) {
        return TrailReader.history(AuditFixture.reader(export), LOCK.value());
    }

    @Test
    void anExport_carriesTheKeysOfThePeopleItNames_andEveryOutputReadsNamesAndWhoDidWhat() throws IOException {
        String export = export();
        String first = export.lines().findFirst().orElseThrow();
        JsonNode keysLine = JSON.readTree(first);
        assertEquals(List.of("lock", "personalKeys"), fields(keysLine));
        assertEquals(LOCK.value(), keysLine.get("lock").asText());
        // The people named: the installer, the slot holders, the two administrators (master code unnamed).
        assertEquals(5, keysLine.get("personalKeys").size(), first);
        assertEquals(1, export.lines().filter(l -> l.contains("personalKeys")).count(), "one keys line");
        for (Iterator<Map.Entry<String, JsonNode>> it = keysLine.get("personalKeys").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(e.getKey(), PersonalData.subjectOf(Base64.getDecoder().decode(e.getValue().asText())));
        }
        assertFalse(export.contains(HOLDER), "names are sealed in the records");

        VerificationReport r = AuditFixture.verify(export, key());
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(5, r.locks().get(LOCK.value()).readablePeople());
        assertEquals(0, r.locks().get(LOCK.value()).unreadablePeople());
        assertEquals(export.lines().count() - 1, r.locks().get(LOCK.value()).events(), "the keys line is no record");

        LockHistory h = read(export);
        assertTrue(h.problems().isEmpty(), h.problems().toString());
        assertEquals(LockHistory.of(access, LOCK), h);
        assertEquals(5, h.names().people());
        assertEquals(5, Names.of(ExportFile.of(write(export)), LOCK).people());
        assertEquals(access.personalKeys(LOCK).keySet().containsAll(h.names().subjects()), true);

        ReplayView before = Replay.at(h, T0.plus(Duration.ofMinutes(5)));
        assertEquals(HOLDER, before.slot(3).name());
        assertEquals(ADMIN + " via local", before.slot(3).addedBy());
        assertNull(before.slot(3).changedBy());
        ReplayView now = Replay.at(h, clock.instant());
        assertNull(now.slot(3), "removed");
        assertEquals("cleaner", now.slot(4).name());
        assertEquals("Carla via remote", now.slot(4).addedBy());
        assertEquals(ADMIN + " via local", now.slot(4).changedBy(), "suspended last");
        assertEquals("Carla via remote", now.modeSetBy());
        assertEquals(HOLDER, Replay.attempts(h).get(0).user());

        String html = html(h);
        assertTrue(html.contains("slot 3 &#39;" + HOLDER + "&#39;, UNRESTRICTED, by " + ADMIN + " via local"), html);
        assertTrue(html.contains("code removed</td><td>slot 3 &#39;" + HOLDER + "&#39;, by " + ADMIN + " via local"), html);
        assertTrue(html.contains("code suspended</td><td>slot 4 &#39;cleaner&#39;, by " + ADMIN + " via local"), html);
        assertTrue(html.contains("NORMAL to PRIVACY</td><td>by Carla via remote"), html);
        assertTrue(html.contains("key epoch 1, by Ivo via installer"), html);

        Finding removed = find(Diagnosis.diagnose(h, Question.at(clock.instant()).slot(3)), Finding.Code.REMOVED);
        assertEquals(ADMIN + " via local", removed.detail().by());
        String words = FindingRenderer.english().summary(removed);
        assertTrue(words.startsWith("the code in slot 3 ('" + HOLDER + "') was removed on ")
                && words.endsWith(" by " + ADMIN + " via local"), words);
        Finding suspended = find(Diagnosis.diagnose(h, Question.at(clock.instant()).slot(4)), Finding.Code.SUSPENDED);
        assertTrue(FindingRenderer.english().summary(suspended).contains(" by " + ADMIN + " via local: it is kept"),
                FindingRenderer.english().summary(suspended));
        Finding mode = find(Diagnosis.diagnose(h, Question.at(clock.instant())), Finding.Code.PRIVACY_MODE);
        assertTrue(FindingRenderer.english().summary(mode).contains("set by Carla via remote"));
        assertEquals(Diagnosis.diagnose(access, LOCK, Question.at(clock.instant()).slot(3)),
                Diagnosis.diagnose(h, Question.at(clock.instant()).slot(3)), "the store's findings, names and all");

        assertNoSealedValue(outputs(h));
        assertTrue(outputs(h).contains(HOLDER));
        String bundle = bundle(h);
        assertFalse(bundle.contains(HOLDER) || bundle.contains(ADMIN) || bundle.contains("Carla"),
                "a support bundle names no one: " + bundle);
    }

    @Test
    void theSameExportWithoutItsKeysLine_readsEveryNameAsErased_andStillVerifies() {
        String export = export();
        String withoutKeys = export.substring(export.indexOf('\n') + 1);
        VerificationReport r = AuditFixture.verify(withoutKeys, key());
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(0, r.locks().get(LOCK.value()).readablePeople());
        assertEquals(5, r.locks().get(LOCK.value()).unreadablePeople());
        LockHistory h = read(withoutKeys);
        assertEquals(read(export), h, "the same trail");
        assertEquals(Names.NONE, h.names());
        ReplayView now = Replay.at(h, clock.instant());
        assertEquals(PersonalData.ERASED, now.slot(4).name());
        assertEquals(PersonalData.ERASED + " via remote", now.slot(4).addedBy());
        assertEquals(PersonalData.ERASED + " via remote", now.modeSetBy());
        assertEquals(PersonalData.ERASED, Replay.attempts(h).get(0).user());
        Finding removed = find(Diagnosis.diagnose(h, Question.at(clock.instant()).slot(3)), Finding.Code.REMOVED);
        assertTrue(FindingRenderer.english().summary(removed).contains("slot 3 ('(erased)') was removed on ")
                && FindingRenderer.english().summary(removed).endsWith(" by (erased) via local"),
                FindingRenderer.english().summary(removed));
        String all = outputs(h);
        assertNoSealedValue(all);
        for (String name : List.of(HOLDER, ADMIN, "Carla", "cleaner", "Ivo")) {
            assertFalse(all.contains(name), name);
        }
    }

    @Test
    void afterForgettingAHolder_aFreshExportHoldsNoTraceOfTheirKey_andReadsThemErased_othersStillReadable()
            throws IOException {
        String beforeForget = export();
        String subject = PersonalData.subjectOfValue(((LockEvent.CodeAdded) access.events(LOCK).stream()
                .filter(e -> e instanceof LockEvent.CodeAdded a && a.slot() == 3).findFirst().orElseThrow()).name())
                .orElseThrow();
        String oldKey = JSON.readTree(beforeForget.lines().findFirst().orElseThrow()).get("personalKeys").get(subject)
                .asText();
        assertEquals(1, access.forgetSlotHolder(LOCK, 3, Actor.local(ADMIN)));
        step();
        access.checkpoint(LOCK);
        String export = export();
        assertFalse(JSON.readTree(export.lines().findFirst().orElseThrow()).get("personalKeys").has(subject),
                "no key entry for the erased person");
        assertFalse(export.contains(oldKey), "their key is nowhere in the export");
        VerificationReport r = AuditFixture.verify(export, key());
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(4, r.locks().get(LOCK.value()).readablePeople());
        assertEquals(1, r.locks().get(LOCK.value()).unreadablePeople());

        LockHistory h = read(export);
        assertEquals(PersonalData.ERASED, Replay.at(h, T0.plus(Duration.ofMinutes(5))).slot(3).name());
        assertEquals("cleaner", Replay.at(h, clock.instant()).slot(4).name(), "others stay readable");
        assertEquals(PersonalData.ERASED, Replay.attempts(h).get(0).user());
        Finding removed = find(Diagnosis.diagnose(h, Question.at(clock.instant()).slot(3)), Finding.Code.REMOVED);
        assertTrue(FindingRenderer.english().summary(removed).contains("('(erased)')")
                && removed.detail().by().equals(ADMIN + " via local"), FindingRenderer.english().summary(removed));
        String html = html(h);
        assertTrue(html.contains("<td>a person was erased</td><td>by " + ADMIN + " via local: their key was destroyed"),
                html);
        assertFalse(html.contains(subject), "the erasure row names no one, not even by subject id");
        String all = outputs(h);
        assertNoSealedValue(all);
        assertFalse(all.contains(HOLDER), all);
        assertTrue(all.contains("cleaner"));

        // The export made before the erasure still reads the name: a copy erasure cannot reach.
        assertEquals(HOLDER, Replay.at(read(beforeForget), T0.plus(Duration.ofMinutes(5))).slot(3).name());
    }

    @Test
    void aSubstitutedKey_isReportedByVerify_andNeverReadsAsAnotherName() throws IOException {
        String export = export();
        List<String> lines = new ArrayList<>(export.lines().toList());
        ObjectNode keysLine = (ObjectNode) JSON.readTree(lines.get(0));
        ObjectNode keys = (ObjectNode) keysLine.get("personalKeys");
        String holder = subjectOfSlot(3);
        String cleaner = subjectOfSlot(4);

        // Another key under the holder's id: the id does not commit to it.
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        ObjectNode forged = keysLine.deepCopy();
        ((ObjectNode) forged.get("personalKeys")).put(holder, Base64.getEncoder().encodeToString(other));
        String substituted = withFirst(lines, forged);
        VerificationReport r = AuditFixture.verify(substituted, key());
        assertFalse(r.ok());
        TrailProblem p = only(r, Kind.PERSONAL_KEYS);
        assertEquals(1, p.line());
        assertTrue(p.message().contains("the key given for subject " + holder + " is not that subject's"), p.message());
        assertEquals(PersonalData.ERASED, Replay.at(read(substituted), T0.plus(Duration.ofMinutes(5))).slot(3).name());

        // The cleaner's real key under the holder's id: it must not make the holder read "cleaner".
        ObjectNode swapped = keysLine.deepCopy();
        ((ObjectNode) swapped.get("personalKeys")).put(holder, keys.get(cleaner).asText());
        String moved = withFirst(lines, swapped);
        r = AuditFixture.verify(moved, key());
        assertFalse(r.ok());
        assertTrue(only(r, Kind.PERSONAL_KEYS).message().contains("(it is subject " + cleaner + "'s)"));
        ReplayView v = Replay.at(read(moved), T0.plus(Duration.ofMinutes(5)));
        assertEquals(PersonalData.ERASED, v.slot(3).name());
        assertEquals("cleaner", v.slot(4).name());

        // A keys line after the lock's first record, or a second one, is reported and not used.
        List<String> late = new ArrayList<>(lines.subList(1, lines.size()));
        late.add(2, lines.get(0));
        r = AuditFixture.verify(String.join("\n", late) + "\n", key());
        assertTrue(only(r, Kind.PERSONAL_KEYS).message().contains("after the lock's first record"));
        assertEquals(1, read(String.join("\n", late)).problems().size());
        assertEquals(Names.NONE, read(String.join("\n", late)).names());
        List<String> twice = new ArrayList<>(lines);
        twice.add(1, lines.get(0));
        r = AuditFixture.verify(String.join("\n", twice) + "\n", key());
        assertTrue(only(r, Kind.PERSONAL_KEYS).message().contains("a second personal-keys line"));

        // A keys line that is not strictly one: malformed.
        ObjectNode extra = keysLine.deepCopy();
        extra.put("note", "x");
        ObjectNode shortKey = keysLine.deepCopy();
        ((ObjectNode) shortKey.get("personalKeys")).put(holder, "AAAA");
        for (ObjectNode bad : List.of(extra, shortKey)) {
            r = AuditFixture.verify(withFirst(lines, bad), key());
            assertEquals(Kind.MALFORMED_LINE, only(r, Kind.MALFORMED_LINE).kind(), r.problems().toString());
            assertFalse(only(r, Kind.MALFORMED_LINE).message().contains(keys.get(holder).asText()), "no key is shown");
        }
    }

    @Test
    void anArchive_verifiesTheKeysLine_butKeepsNoKey_andAnExportFileReadsThem() throws IOException {
        String export = export();
        Path file = write(export);
        ExportFile source = ExportFile.of(file);
        List<dev.access.core.trail.TrailRecord> records = new ArrayList<>();
        source.trail(LOCK, records::add);
        assertEquals(export.lines().count() - 1, records.size(), "the keys line is no record");
        assertEquals(access.personalKeys(LOCK).keySet().containsAll(source.personalKeys(LOCK).keySet()), true);
        assertEquals(5, source.personalKeys(LOCK).size());
        assertEquals(HOLDER, Replay.attempts(LockHistory.of(source, LOCK)).get(0).user());

        Path db = dir.resolve("archive.db");
        try (TrailArchive archive = TrailArchive.open(db)) {
            TrailArchive.ImportResult r = archive.importTrail(AuditFixture.reader(export), key());
            assertEquals(export.lines().count(), r.lines());
            assertEquals(export.lines().count() - 1, r.added() + r.heldBack());
            assertEquals(PersonalData.ERASED, Replay.attempts(archive.history(LOCK)).get(0).user(),
                    "an archive keeps no personal keys");
        }
        String bytes = new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1);
        JsonNode keys = JSON.readTree(export.lines().findFirst().orElseThrow()).get("personalKeys");
        keys.elements().forEachRemaining(k -> assertFalse(bytes.contains(k.asText()), "a key in the archive file"));
    }

    @Test
    void aBackend_ingestsAWholeExportWithItsKeysLine_butKeepsNoKey_andRefusesAKeysLineInsideASegment()
            throws Exception {
        String export = export();
        Path backendDir = dir.resolve("backend");
        try (LockStore store = LockStore.sqlite(backendDir)) {
            dev.access.core.Fleet fleet = dev.access.core.Fleet.builder().store(store)
                    .keyRing(FileKeyRing.open(backendDir.resolve("keys"))).clock(clock).build();
            dev.access.crypto.BackendPublicKey backend = fleet.initialize();
            int epoch = access.state(LOCK).keyEpoch();
            dev.access.crypto.Checkpoint cp = access.checkpoint(LOCK);
            fleet.enroll(dev.access.core.fleet.Enrollment.sign(ring.checkpointSigner(LOCK.value()), backend.keyId(), epoch,
                    ring.sealingPublicKey(LOCK.value(), epoch), cp.sequence(), cp.chainHead(), clock.instant()));
            dev.access.core.fleet.IngestResult r = fleet.ingest(new java.io.StringReader(export));
            assertTrue(r.problems().isEmpty(), r.problems().toString());
            assertEquals(export.lines().count() - 1, r.newEvents(), "every record; the keys line is no event");
            assertEquals(PersonalData.ERASED, Replay.attempts(LockHistory.of(fleet, LOCK)).get(0).user(),
                    "a backend reads no name");

            List<String> lines = new ArrayList<>(export().lines().toList());
            lines.add(3, lines.remove(0));
            dev.access.core.fleet.SegmentRejectedException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.access.core.fleet.SegmentRejectedException.class,
                    () -> fleet.ingest(new java.io.StringReader(String.join("\n", lines) + "\n")));
            assertTrue(refused.getMessage().contains("not a trail record"), refused.getMessage());
        }
        JsonNode keys = JSON.readTree(export.lines().findFirst().orElseThrow()).get("personalKeys");
        try (java.util.stream.Stream<Path> files = Files.walk(backendDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                keys.elements().forEachRemaining(k -> assertFalse(bytes.contains(k.asText()), "a key in " + f));
            }
        }
    }

    @Test
    void aTrailWrittenBeforeNamesWereSealed_verifiesAndReadsItsClearNamesAndFreeTextAsTheyAre() throws IOException {
        String legacy = legacy(export());
        assertFalse(legacy.contains(PersonalData.PREFIX) || legacy.contains("\\\"actor\\\""), legacy);
        VerificationReport r = AuditFixture.verify(legacy, key());
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(0, r.locks().get(LOCK.value()).readablePeople());
        assertEquals(0, r.locks().get(LOCK.value()).unreadablePeople(), "clear names need no key");
        LockHistory h = read(legacy);
        assertTrue(h.problems().isEmpty(), h.problems().toString());
        ReplayView before = Replay.at(h, T0.plus(Duration.ofMinutes(5)));
        assertEquals(HOLDER, before.slot(3).name());
        assertNull(before.slot(3).addedBy(), "an old trail names no actor");
        assertEquals("Carla", Replay.at(h, clock.instant()).modeSetBy(), "the old free text, as it was");
        String html = html(h);
        assertTrue(html.contains("NORMAL to PRIVACY</td><td>by Carla</td>"), html);
        assertTrue(html.contains("code removed</td><td>slot 3 &#39;" + HOLDER + "&#39;</td>"), html);
        Finding removed = find(Diagnosis.diagnose(h, Question.at(clock.instant()).slot(3)), Finding.Code.REMOVED);
        assertNull(removed.detail().by());
        assertTrue(FindingRenderer.english().summary(removed).contains("('" + HOLDER + "') was removed on "));
        String all = outputs(h);
        assertNoSealedValue(all);
        assertFalse(all.contains(PersonalData.ERASED), "nothing of an old trail reads as erased");
    }

    /**
     * The export as a lock would have written it before actors and sealed names: every name in
     * clear, no actor (a mode change's free-text by instead), rechained and re-signed with the
     * lock's own key, so it verifies as an old export did.
     */
    private String legacy(String export) throws IOException {
        List<String> out = new ArrayList<>();
        dev.access.crypto.ChainHead head = dev.access.crypto.ChainHead.GENESIS;
        dev.access.crypto.CheckpointSigner signer = ring.checkpointSigner(LOCK.value());
        for (String line : export.lines().skip(1).toList()) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            ObjectNode payload = (ObjectNode) JSON.readTree(n.get("payload").asText());
            String type = n.get("type").asText();
            long seq = n.get("sequence").asLong();
            Instant at = Instant.parse(n.get("timestamp").asText());
            if (type.equals("TrailCheckpointed")) {
                dev.access.crypto.Checkpoint c = signer.sign(seq - 1, head, at);
                payload.put("chainHead", c.chainHead());
                payload.put("signature", c.signature());
            } else {
                JsonNode actor = payload.remove("actor");
                if (type.equals("ModeChanged") && actor != null) {
                    payload.put("by", access.reveal(LOCK, actor.path("who").asText()));
                }
                if (payload.has("name") && PersonalData.isSealed(payload.get("name").asText())) {
                    payload.put("name", access.reveal(LOCK, payload.get("name").asText()));
                }
            }
            String text = JSON.writeValueAsString(payload);
            head = dev.access.crypto.HashChain.next(head, seq, type, at, text.getBytes(StandardCharsets.UTF_8));
            n.put("payload", text);
            n.put("chain", head.toHex());
            out.add(JSON.writeValueAsString(n));
        }
        return String.join("\n", out) + "\n";
    }

    // ------------------------------------------------------------------ helpers

    private String subjectOfSlot(int slot) {
        return PersonalData.subjectOfValue(((LockEvent.CodeAdded) access.events(LOCK).stream()
                .filter(e -> e instanceof LockEvent.CodeAdded a && a.slot() == slot).findFirst().orElseThrow()).name())
                .orElseThrow();
    }

    private static String withFirst(List<String> lines, JsonNode first) throws IOException {
        List<String> out = new ArrayList<>(lines);
        out.set(0, JSON.writeValueAsString(first));
        return String.join("\n", out) + "\n";
    }

    private static TrailProblem only(VerificationReport r, Kind kind) {
        List<TrailProblem> failures = r.problems().stream().filter(TrailProblem::isFailure).toList();
        assertEquals(1, failures.size(), failures.toString());
        assertEquals(kind, failures.get(0).kind(), failures.toString());
        return failures.get(0);
    }

    private Path write(String export) throws IOException {
        Path f = Files.createTempFile(dir, "export", ".jsonl");
        Files.writeString(f, export, StandardCharsets.UTF_8);
        return f;
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Finding find(List<Finding> found, Finding.Code code) {
        return found.stream().filter(f -> f.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + found));
    }

    private static String html(LockHistory h) {
        StringWriter w = new StringWriter();
        HtmlTimeline.write(h, w);
        return w.toString();
    }

    private String bundle(LockHistory h) {
        StringWriter w = new StringWriter();
        SupportBundle.write(h, Question.at(clock.instant()).slot(3), w);
        return w.toString();
    }

    /** Every output a person reads: HTML, CSV, JSON, the bundle, findings of each slot, replays over time. */
    private String outputs(LockHistory h) {
        StringBuilder b = new StringBuilder(html(h));
        StringWriter csv = new StringWriter();
        AccessReport.writeCsv(h, csv);
        StringWriter json = new StringWriter();
        AccessReport.writeJson(h, json);
        b.append(csv).append(json).append(bundle(h));
        for (int slot = 0; slot <= 4; slot++) {
            for (Finding f : Diagnosis.diagnose(h, Question.at(clock.instant()).slot(slot))) {
                b.append(FindingRenderer.english().summary(f)).append(FindingRenderer.english().nextStep(f))
                        .append(f.detail());
            }
        }
        for (SequencedEvent e : h.events()) {
            ReplayView v = Replay.at(h, e.event().at());
            b.append(v.slots()).append(v.modeSetBy());
        }
        return b.toString();
    }

    private static void assertNoSealedValue(String output) {
        assertFalse(output.contains(PersonalData.PREFIX), () -> "a sealed value in an output: "
                + output.substring(output.indexOf(PersonalData.PREFIX), Math.min(output.length(),
                        output.indexOf(PersonalData.PREFIX) + 80)));
    }
}
