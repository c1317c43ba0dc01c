package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the verifier and the archive vouch for (security review, issue 16, findings 1, 2 and 6):
 * nothing signed is a failure, the signature covers the checkpoint's time, the verdict says when
 * the last signature was made, an auditor's policy refuses a cut export, duplicate JSON keys are
 * refused, and unsigned events never become archive truth.
 */
class VerifierVerdictTest {
    private static final LockId L = LockId.of("verdict-lock");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-01T09:00:00Z"));
    private LockStore store;
    private AccessControl access;
    private TrailPublicKey key;

    @TempDir
    Path dir;

    @BeforeEach
    void makeTrail() {
        store = LockStore.inMemory();
        access = AccessControl.builder().store(store).clock(clock).keyRing(InMemoryKeyRing.create())
                .checkpointEvery(1_000).build();
        access.commission(LockSetup.of(L), "80808080".toCharArray());
        access.addCode(L, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
        key = TrailPublicKey.parse(access.publicKey(L).export());
    }

    @AfterEach
    void close() {
        access.close();
        store.close();
    }

    private void enter(String pin) {
        clock.advance(Duration.ofMinutes(1));
        access.enter(L, pin.toCharArray(), EntrySource.KEYPAD);
    }

    private List<String> export() {
        StringWriter out = new StringWriter();
        TrailExport.write(access, L, out);
        return new ArrayList<>(List.of(out.toString().split("\n")));
    }

    private VerificationReport verify(List<String> lines, TrailVerifier.Policy policy) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                lock -> lock.equals(L.value()) ? key : null, policy);
    }

    private static int lastIndexOf(List<String> lines, String type) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"type\":\"" + type + "\"")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void anExportWithNoSignatureAtAll_evenWithAValidChain_failsVerification() {
        enter("1111");
        List<String> lines = export();
        assertEquals(-1, lastIndexOf(lines, "TrailCheckpointed"), "no checkpoint yet");
        // A denial turned into a grant, the chain recomputed: without a signature nothing tells.
        int denial = lastIndexOf(lines, "EntryDenied");
        List<String> forged = Forgery.rechain(lines, denial, l -> l.replace("\"type\":\"EntryDenied\"",
                "\"type\":\"EntryGranted\""));
        for (List<String> export : List.of(lines, forged)) {
            VerificationReport r = verify(export, TrailVerifier.Policy.NONE);
            assertFalse(r.ok(), "nothing is signed, so nothing is vouched for: " + r.problems());
            assertTrue(r.problems().stream().anyMatch(p -> p.kind() == Kind.NOT_SIGNED && p.isFailure()),
                    r.problems().toString());
            assertFalse(r.locks().get(L.value()).signed());
            assertNull(r.locks().get(L.value()).lastSignedAt());
        }
    }

    @Test
    void theVerdictSaysWhenTheLastSignatureWasMade() {
        enter("4826");
        clock.advance(Duration.ofMinutes(5));
        access.checkpoint(L);
        Instant signedAt = clock.instant();
        enter("1111");
        VerificationReport r = verify(export(), TrailVerifier.Policy.NONE);
        assertTrue(r.ok(), r.problems().toString());
        VerificationReport.LockSummary s = r.locks().get(L.value());
        assertEquals(signedAt, s.lastSignedAt());
        assertTrue(s.signed());
        assertTrue(r.problems().stream().anyMatch(p -> p.kind() == Kind.UNSIGNED_TAIL
                && p.message().contains("signed at " + signedAt)), r.problems().toString());
    }

    @Test
    void movingTheLastCheckpointsTimeLater_andRechainingIt_failsTheSignature() {
        enter("4826");
        access.checkpoint(L);
        List<String> lines = export();
        int cp = lastIndexOf(lines, "TrailCheckpointed");
        String original = lines.get(cp);
        String at = original.substring(original.indexOf("\"timestamp\":\"") + 13);
        at = at.substring(0, at.indexOf('"'));
        String later = Instant.parse(at).plus(Duration.ofDays(30)).toString();
        String atValue = at;
        List<String> forged = Forgery.rechain(lines, cp, l -> l.replace(atValue, later));
        assertTrue(forged.get(cp).contains(later) && !forged.get(cp).contains(atValue), forged.get(cp));
        VerificationReport r = verify(forged, TrailVerifier.Policy.NONE);
        assertFalse(r.ok(), "a checkpoint's time is signed: " + r.problems());
        assertTrue(r.problems().stream().anyMatch(p -> p.kind() == Kind.BAD_SIGNATURE), r.problems().toString());
    }

    @Test
    void anExportCutAfterAnEarlierCheckpoint_isRefusedByTheAuditorsPolicy() {
        enter("4826");
        access.checkpoint(L);
        List<String> early = export();
        long earlySigned = early.size() - 2;
        clock.advance(Duration.ofHours(2));
        enter("1111");
        clock.advance(Duration.ofMinutes(1));
        access.changeMode(L, dev.access.core.domain.OperatingMode.PRIVACY, "owner");
        access.checkpoint(L);
        Instant lastCheckpoint = clock.instant();
        List<String> full = export();

        // The early export, cut right after its checkpoint: intact, and says when it was signed.
        VerificationReport cut = verify(early, TrailVerifier.Policy.NONE);
        assertTrue(cut.ok(), cut.problems().toString());
        assertEquals(earlySigned, cut.locks().get(L.value()).lastSignedSequence());

        TrailVerifier.Policy byTime = new TrailVerifier.Policy(lastCheckpoint, -1);
        TrailVerifier.Policy bySequence = new TrailVerifier.Policy(null, full.size() - 2);
        for (TrailVerifier.Policy policy : List.of(byTime, bySequence)) {
            VerificationReport refused = verify(early, policy);
            assertFalse(refused.ok(), "policy " + policy);
            assertTrue(refused.problems().stream().anyMatch(p -> p.kind() == Kind.POLICY_NOT_MET), refused.problems().toString());
            VerificationReport accepted = verify(full, policy);
            assertTrue(accepted.ok(), policy + ": " + accepted.problems());
        }
    }

    @Test
    void aDuplicateKeyInALine_isMalformed_notVerified() throws Exception {
        enter("4826");
        access.checkpoint(L);
        List<String> lines = export();
        int grant = lastIndexOf(lines, "EntryGranted");
        String line = lines.get(grant);
        ObjectNode n = (ObjectNode) JSON.readTree(line);
        // A fake payload placed before the real one: a lenient parser takes the last, a reader may show the first.
        String fake = "{\"lock\":" + JSON.writeValueAsString(n.get("lock").asText()) + ",\"payload\":\"{}\","
                + line.substring(1);
        lines.set(grant, fake);
        VerificationReport r = verify(lines, TrailVerifier.Policy.NONE);
        assertFalse(r.ok());
        assertEquals(Kind.MALFORMED_LINE, r.problems().get(0).kind(), r.problems().toString());
        assertEquals(grant + 1, r.problems().get(0).line());
        assertNull(TrailReader.parse(1, fake).record(), "the reader refuses it too");
        String payload = n.get("payload").asText();
        String doubled = payload.replaceFirst("\\{", "{\"slot\":99,");
        assertThrows(IllegalArgumentException.class,
                () -> dev.access.core.internal.trail.AuditForm.parse("EntryGranted", doubled),
                "a payload with a repeated field is not what the lock wrote");
    }

    @Test
    void theArchive_neverTakesUnsignedEvents_andLaterAcceptsTheGenuineSignedTrail() throws Exception {
        enter("4826");
        access.checkpoint(L);
        List<String> signed = export();
        // A forger appends events after the last checkpoint (chained, unsigned).
        List<String> forged = new ArrayList<>(signed);
        String lastLine = signed.get(signed.size() - 1);
        ObjectNode tail = (ObjectNode) JSON.readTree(lastLine);
        long seq = tail.get("sequence").asLong();
        for (int i = 1; i <= 3; i++) {
            ObjectNode extra = tail.deepCopy();
            extra.put("sequence", seq + i);
            extra.put("type", "ModeChanged");
            Instant at = Instant.parse(tail.get("timestamp").asText()).plusSeconds(i);
            extra.put("timestamp", at.toString());
            extra.put("payload", "{\"lockId\":\"" + L.value() + "\",\"at\":\"" + at + "\",\"mode\":\"PASSAGE\",\"by\":\"x\"}");
            forged.add(JSON.writeValueAsString(extra));
        }
        forged = Forgery.rechain(forged, signed.size(), l -> l);

        // The genuine trail goes on and gets signed later.
        enter("1111");
        enter("1111");
        enter("4826");
        access.checkpoint(L);
        List<String> genuine = export();

        try (TrailArchive archive = TrailArchive.open(dir.resolve("archive.db"))) {
            TrailArchive.ImportResult first = archive.importTrail(reader(forged), lock -> L.value().equals(lock) ? key : null);
            assertEquals(signed.size(), first.added(), "only signed lines are taken");
            assertEquals(3, first.heldBack(), "the unsigned tail is held back");
            assertEquals(signed.size(), archive.count(L.value()));

            TrailArchive.ImportResult second = archive.importTrail(reader(genuine), lock -> L.value().equals(lock) ? key : null);
            assertEquals(genuine.size() - signed.size(), second.added(), "the genuine, signed trail is accepted");
            assertEquals(0, second.heldBack());
            StringWriter w = new StringWriter();
            archive.export(L.value(), w);
            assertEquals(String.join("\n", genuine) + "\n", w.toString());
            assertFalse(w.toString().contains("PASSAGE"), "the forgery never became archive truth");
        }
    }

    private static BufferedReader reader(List<String> lines) {
        return new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
    }
}
