package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.KeyRing;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.TrailPublicKey;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export and verify: a real trail verifies with the public key alone; tampering is found and located. */
class TrailAuditTest {
    private static final LockId L = LockId.of("audit-lock");
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-01T09:00:00Z"));
    private final KeyRing keys = InMemoryKeyRing.create();
    private LockStore store;
    private AccessControl access;
    private TrailPublicKey publicKey;
    private List<String> offlinePins;

    @BeforeEach
    void makeTrail() {
        store = LockStore.inMemory();
        access = AccessControl.builder().store(store).clock(clock).keyRing(keys).checkpointEvery(10).build();
        access.commission(LockSetup.of(L).withLockoutPolicy(LockoutPolicy.defaults().with(3, Duration.ofSeconds(30))),
                "80808080".toCharArray());
        access.addCode(L, NewCode.unrestricted(1, "alice"), "4826".toCharArray());
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofSeconds(40));
            access.enter(L, (i % 5 < 3 ? "1111" : "4826").toCharArray(), EntrySource.KEYPAD);
        }
        // Offline codes: an owner's key export, a grant, a one-time code's second use, a revocation
        // and its refusal, revoke-all and the new key's export.
        OfflineIssuingKey key = access.exportOfflineIssuingKey(L);
        Instant from = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        IssuedOfflineCode code = key.issuePlain(from, from.plus(Duration.ofHours(4)), false, 0);
        IssuedOfflineCode once = key.issuePlain(from, from.plus(Duration.ofHours(4)), true, 0);
        offlinePins = List.of(String.valueOf(code.pin()), String.valueOf(once.pin()));
        clock.advance(Duration.ofSeconds(40));
        access.enter(L, code.pin(), EntrySource.KEYPAD);
        access.enter(L, once.pin(), EntrySource.KEYPAD);
        access.enter(L, once.pin(), EntrySource.KEYPAD);
        access.revokeOfflineCode(L, code.codeId(), code.until());
        access.enter(L, code.pin(), EntrySource.KEYPAD);
        access.revokeAllOfflineCodes(L);
        access.exportOfflineIssuingKey(L);
        // Parse and re-export the key, as an auditor receiving FILE.pub would.
        publicKey = TrailPublicKey.parse(access.publicKey(L).export());
    }

    @AfterEach
    void close() {
        access.close();
        store.close();
    }

    private List<String> exportLines() {
        StringWriter out = new StringWriter();
        TrailExport.write(access, L, out);
        return List.of(out.toString().split("\n"));
    }

    private VerificationReport verify(List<String> lines) {
        return TrailVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                lock -> lock.equals(L.value()) ? publicKey : null);
    }

    @Test
    void cleanExport_verifiesWithThePublicKeyAlone_andHasSignedCheckpoints() {
        List<String> lines = exportLines();
        VerificationReport r = verify(lines);
        assertTrue(r.ok(), r.problems().toString());
        VerificationReport.LockSummary s = r.locks().get(L.value());
        assertTrue(s.checkpoints() >= 3, "checkpoints every 10 events and on lockouts: " + s);
        assertEquals(lines.size(), s.events());
    }

    @Test
    void export_holdsNoDigestNorPin() {
        String text = String.join("\n", exportLines());
        for (LockEvent e : access.events(L)) {
            if (e instanceof LockEvent.CodeAdded) {
                String b64 = Base64.getEncoder().encodeToString(((LockEvent.CodeAdded) e).digest().toBytes());
                assertFalse(text.contains(b64), "a digest appears in the export");
            }
        }
        // Chain values, commitments, key ids and signatures are random hex and base64: four digits of a
        // PIN may appear in them by chance (about one export in seven), which is no leak.
        String withoutRandom = text.replaceAll("[A-Za-z0-9+/=]{16,}", "<random>");
        assertFalse(withoutRandom.contains("4826"), withoutRandom);
        assertFalse(withoutRandom.contains("80808080"), withoutRandom);
        for (String pin : offlinePins) {
            assertFalse(withoutRandom.contains(pin), "an offline PIN appears in the export");
        }
        for (String type : List.of("OfflineKeyExported", "OfflineCodeRevoked", "AllOfflineCodesRevoked")) {
            assertTrue(text.contains("\"type\":\"" + type + "\""), type);
        }
        assertTrue(text.contains("\\\"userType\\\":\\\"OFFLINE\\\""), "an offline grant is in the export");
        assertTrue(text.contains("sha256:"), "digests appear as commitments");
    }

    @Test
    void modifiedPayload_isReportedAtItsLine() {
        List<String> lines = new ArrayList<>(exportLines());
        lines.set(5, lines.get(5).replace("KEYPAD", "REMOTE"));
        VerificationReport r = verify(lines);
        assertFalse(r.ok());
        assertEquals(6, r.problems().get(0).line());
        assertEquals(Kind.MODIFIED_EVENT, r.problems().get(0).kind());
    }

    @Test
    void deletedReorderedDuplicatedLines_areReported() {
        List<String> deleted = new ArrayList<>(exportLines());
        deleted.remove(7);
        assertEquals(Kind.MISSING_EVENTS, verify(deleted).problems().get(0).kind());

        List<String> swapped = new ArrayList<>(exportLines());
        String a = swapped.get(8);
        swapped.set(8, swapped.get(9));
        swapped.set(9, a);
        assertFalse(verify(swapped).ok());

        List<String> duplicated = new ArrayList<>(exportLines());
        duplicated.add(4, duplicated.get(3));
        VerificationReport r = verify(duplicated);
        assertEquals(Kind.DUPLICATE_EVENT, r.problems().get(0).kind());
        assertEquals(5, r.problems().get(0).line());
    }

    @Test
    void rewrittenChainAfterAChange_isCaughtByTheSignedCheckpoint() {
        List<String> lines = new ArrayList<>(exportLines());
        int target = 3;
        while (!lines.get(target).contains("KEYPAD")) {
            target++;
        }
        // Change that line and recompute every chain value after it, as a careful forger would.
        List<String> forged = Forgery.rechain(lines, target, l -> l.replace("KEYPAD", "REMOTE"));
        assertFalse(forged.equals(lines), "the forgery changed something");
        VerificationReport r = verify(forged);
        assertFalse(r.ok());
        assertTrue(r.problems().stream().anyMatch(p -> p.kind() == Kind.CHECKPOINT_MISMATCH
                || p.kind() == Kind.BAD_SIGNATURE), r.problems().toString());
    }

    @Test
    void truncatedExport_reportsWhatCannotBeProvenAfterTheLastCheckpoint() {
        List<String> lines = exportLines();
        int lastCheckpoint = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"TrailCheckpointed\"")) {
                lastCheckpoint = i;
            }
        }
        assertTrue(lastCheckpoint > 0 && lastCheckpoint + 2 < lines.size(), "the trail has a checkpoint then events");
        VerificationReport atCheckpoint = verify(lines.subList(0, lastCheckpoint + 1));
        assertTrue(atCheckpoint.ok() && atCheckpoint.problems().isEmpty(), atCheckpoint.problems().toString());

        VerificationReport cut = verify(lines.subList(0, lastCheckpoint + 3));
        assertTrue(cut.ok(), "a tail after the last checkpoint is reported, not failed: " + cut.problems());
        assertEquals(1, cut.problems().size());
        TrailProblem tail = cut.problems().get(0);
        assertEquals(Kind.UNSIGNED_TAIL, tail.kind());
        assertTrue(tail.message().contains("after sequence " + (lastCheckpoint - 1)), tail.message());
    }

    @Test
    void afterFactoryReset_destroyingKeys_theWholeTrailStillVerifies() {
        access.factoryReset(L);
        access.commission(LockSetup.of(L), "12121212".toCharArray());
        VerificationReport r = verify(exportLines());
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    void anotherSpellingOfTheSameChainOrTimestamp_isAChangeToTheLine() {
        List<String> lines = new ArrayList<>(exportLines());
        String line = lines.get(4);
        String chain = line.substring(line.indexOf("\"chain\":\"") + 9, line.indexOf("\"chain\":\"") + 73);
        lines.set(4, line.replace(chain, chain.toUpperCase(java.util.Locale.ROOT)));
        VerificationReport upper = verify(lines);
        assertFalse(upper.ok());
        assertEquals(Kind.MALFORMED_LINE, upper.problems().get(0).kind());
        assertEquals(5, upper.problems().get(0).line());
    }

    @Test
    void garbage_isReportedNeverThrown() {
        VerificationReport r = verify(List.of("{not json", "[]", "{\"lock\":1}", "x".repeat(2_000_000), ""));
        assertFalse(r.ok());
        assertTrue(r.problems().stream().allMatch(p -> p.kind() == Kind.MALFORMED_LINE), r.problems().toString());
    }

    @Test
    void exportedAuditForm_foldsBackToTheSameDecisions() {
        List<LockEvent> replayed = new ArrayList<>();
        access.trail(L, r -> {
            Object e = dev.access.core.internal.trail.AuditForm.parse(r.type(), r.payload());
            if (e instanceof LockEvent) {
                replayed.add((LockEvent) e);
            }
        });
        dev.access.core.domain.LockState fromExport = dev.access.core.domain.LockDecider.fold(replayed);
        dev.access.core.domain.LockState live = access.state(L);
        assertEquals(live.lockout(), fromExport.lockout());
        assertEquals(live.credentials().bySlot().keySet(), fromExport.credentials().bySlot().keySet());
        assertEquals(live.mode(), fromExport.mode());
        assertEquals(live.offline(), fromExport.offline());
        assertEquals(access.events(L).size(), replayed.size());
    }
}
