package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockEvent.LockEnrolled;
import dev.access.core.domain.LockId;
import dev.access.core.domain.Rejection;
import dev.access.core.fleet.Enrollment;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.KeyRing;
import dev.access.crypto.KeyUnavailableException;
import dev.access.crypto.OfflineIssuingKey;
import dev.access.crypto.SealedSecretException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AccessControl#enroll}: on a SQLite store with a key ring file, across restarts. */
class EnrollTest {
    private static final LockId FRONT = LockId.of("front");
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    private static final InMemoryKeyRing BACKEND_RING = InMemoryKeyRing.create();
    private static final BackendPublicKey BACKEND = BACKEND_RING.createBackendIdentity().publicKey();
    private static final BackendPublicKey OTHER = InMemoryKeyRing.create().createBackendIdentity().publicKey();

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(T0);
    private LockStore store;
    private KeyRing keys;
    private AccessControl access;

    private AccessControl open() {
        store = LockStore.sqlite(dir.resolve("data"));
        keys = FileKeyRing.open(dir.resolve("data").resolve("keys"));
        access = AccessControl.builder().store(store).clock(clock).keyRing(keys).build();
        return access;
    }

    private AccessControl restart() {
        close();
        return open();
    }

    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            access = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private void commission() {
        access.commission(LockSetup.of(FRONT).withTimeZone("Europe/Paris"), "80808080".toCharArray());
    }

    private List<TrailRecord> trail() {
        List<TrailRecord> records = new ArrayList<>();
        access.trail(FRONT, records::add);
        return records;
    }

    private LockEnrolled lastEnrolled() {
        List<LockEvent> events = access.events(FRONT);
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof LockEnrolled e) {
                return e;
            }
        }
        throw new AssertionError("no LockEnrolled");
    }

    private long enrolledEvents() {
        return access.events(FRONT).stream().filter(LockEnrolled.class::isInstance).count();
    }

    @Test
    void givenCommissioned_whenEnrolled_thenAVerifiedDocumentWhoseHeadIsSignedRightAfterLockEnrolled() throws Exception {
        open();
        commission();
        clock.advance(Duration.ofMinutes(1));

        Enrollment e = access.enroll(FRONT, BACKEND);

        e.verify();
        assertEquals("front", e.lock());
        assertEquals(BACKEND.keyId(), e.backendKeyId());
        assertEquals(1, e.keyEpoch());
        assertEquals(access.publicKey(FRONT), e.trailKey());
        assertEquals(keys.sealingPublicKey("front", 1), e.sealingKey());
        assertEquals(clock.instant(), e.at());
        List<TrailRecord> t = trail();
        TrailRecord enrolled = t.get((int) e.sequence());
        TrailRecord checkpoint = t.get(t.size() - 1);
        assertEquals("LockEnrolled", enrolled.type());
        assertEquals(e.chainHead(), enrolled.chain());
        assertEquals("TrailCheckpointed", checkpoint.type());
        assertEquals(e.sequence() + 1, checkpoint.sequence());
        assertTrue(checkpoint.payload().contains("\"chainHead\":\"" + e.chainHead() + "\""), checkpoint.payload());
        assertEquals(new LockEnrolled(FRONT, clock.instant(), BACKEND.keyId(), 1, null, BACKEND.signingKeyBase64(), 1),
                revealed(access.events(FRONT).get(access.events(FRONT).size() - 1)));
        assertEquals(BACKEND.keyId(), access.state(FRONT).backendKeyId());
        assertEquals(e, Enrollment.parse(e.toText()));
    }

    @Test
    void givenEnrolledAndRestarted_whenEnrolledToTheSameBackend_thenAFreshDocumentAndNoSecondLockEnrolled() throws Exception {
        open();
        commission();
        Enrollment first = access.enroll(FRONT, BACKEND);
        restart();
        assertEquals(BACKEND.keyId(), access.state(FRONT).backendKeyId(), "the enrollment survives a restart");
        clock.advance(Duration.ofMinutes(5));

        Enrollment again = access.enroll(FRONT, BACKEND);

        again.verify();
        assertEquals(1, enrolledEvents());
        assertEquals(first.sequence() + 1, again.sequence(), "the new checkpoint covers the first one's line");
        assertNotEquals(first.chainHead(), again.chainHead());
        assertEquals(first.sealingKey(), again.sealingKey());
        assertEquals(first.trailKey(), again.trailKey());
        assertEquals(trail().get((int) again.sequence()).chain(), again.chainHead());
    }

    @Test
    void givenEnrolled_whenEnrolledToAnotherBackend_thenTheMoveIsRecordedNamingThePreviousOne() throws Exception {
        open();
        commission();
        access.enroll(FRONT, BACKEND);

        Enrollment moved = access.enroll(FRONT, OTHER);

        moved.verify();
        assertEquals(OTHER.keyId(), moved.backendKeyId());
        List<LockEvent> events = access.events(FRONT);
        assertEquals(new LockEnrolled(FRONT, clock.instant(), OTHER.keyId(), 1, BACKEND.keyId(), OTHER.signingKeyBase64(), 1),
                revealed(events.get(events.size() - 1)));
        assertEquals(OTHER.keyId(), restart().state(FRONT).backendKeyId());
    }

    @Test
    void givenAnUnknownLock_whenEnrolled_thenNotCommissionedAndNothingRecorded() {
        open();

        LockCommandRejected e = assertThrows(LockCommandRejected.class, () -> access.enroll(LockId.of("ghost"), BACKEND));

        assertEquals(Rejection.NOT_COMMISSIONED, e.rejection());
        assertTrue(access.events(LockId.of("ghost")).isEmpty());
        assertTrue(restart().events(LockId.of("ghost")).isEmpty());
    }

    @Test
    void givenEnrolledThenFactoryReset_thenItBelongsToNobody_andReenrollingUsesTheNewEpochsSealingKey() throws Exception {
        open();
        commission();
        Enrollment before = access.enroll(FRONT, BACKEND);
        access.factoryReset(FRONT);
        assertNull(access.state(FRONT).backendKeyId());
        assertEquals(Rejection.NOT_COMMISSIONED,
                assertThrows(LockCommandRejected.class, () -> access.enroll(FRONT, BACKEND)).rejection());
        assertThrows(KeyUnavailableException.class, () -> keys.sealingPublicKey("front", 1),
                "the old epoch's sealing key went with it");
        restart();
        commission();

        Enrollment after = access.enroll(FRONT, BACKEND);

        after.verify();
        assertEquals(2, after.keyEpoch());
        assertNotEquals(before.sealingKey(), after.sealingKey());
        assertEquals(keys.sealingPublicKey("front", 2), after.sealingKey());
        List<LockEvent> events = access.events(FRONT);
        assertEquals(new LockEnrolled(FRONT, clock.instant(), BACKEND.keyId(), 2, null, BACKEND.signingKeyBase64(), 1),
                revealed(events.get(events.size() - 1)));
        assertEquals(1, after.offline().generation(), "the new epoch's issuing key starts at generation 1");
        assertNotEquals(before.offline().sealedKey(), after.offline().sealedKey());
        assertEquals(2, enrolledEvents());
    }

    @Test
    void givenEnrolled_theExportedTrailVerifiesWithTheKeyTheDocumentCarries() throws Exception {
        open();
        commission();
        Enrollment e = access.enroll(FRONT, BACKEND);
        StringWriter w = new StringWriter();
        TrailExport.write(access, FRONT, w);

        VerificationReport r = TrailVerifier.verify(new BufferedReader(new StringReader(w.toString())),
                lock -> lock.equals(e.lock()) ? e.trailKey() : null);

        assertTrue(r.ok(), r.problems().toString());
        assertEquals(e.sequence(), r.locks().get("front").lastSignedSequence());
    }

    @Test
    void givenOfflineCodes_theDocumentHandsTheBackendTheIssuingKeySealed_andOnlyThatBackendOpensIt() throws Exception {
        open();
        commission();

        Enrollment e = access.enroll(FRONT, BACKEND);

        Enrollment.OfflineKey k = e.offline();
        assertEquals(1, k.generation());
        assertEquals(10, k.digits());
        assertEquals(ZoneId.of("Europe/Paris"), k.zone());
        assertEquals(1, lastEnrolled().offlineKeyGeneration());
        assertEquals(1, access.state(FRONT).offline().backendGeneration());
        assertTrue(e.toText().contains("\"offlineKey\":{\"enc\":"), e.toText());
        // The backend's key ring opens it: the codes it issues are the lock's own key's.
        OfflineIssuingKey opened = BACKEND_RING.openOfflineIssuingKey(k.sealedKey(), "front", 1, 1, 10, k.zone());
        OfflineIssuingKey own = keys.offlineIssuingKey("front", 1, 1, 10, k.zone());
        Instant from = Instant.parse("2026-04-02T10:00:00Z");
        try (IssuedOfflineCode a = opened.issuePlain(from, from.plusSeconds(7200), false, 0);
                IssuedOfflineCode b = own.issuePlain(from, from.plusSeconds(7200), false, 0)) {
            assertEquals(b.codeId(), a.codeId());
            assertArrayEquals(b.pin(), a.pin());
        }
        // Another backend's key ring, or another lock, epoch or generation, does not open it.
        InMemoryKeyRing other = InMemoryKeyRing.create();
        other.createBackendIdentity();
        assertThrows(SealedSecretException.class,
                () -> other.openOfflineIssuingKey(k.sealedKey(), "front", 1, 1, 10, k.zone()));
        assertThrows(SealedSecretException.class,
                () -> BACKEND_RING.openOfflineIssuingKey(k.sealedKey(), "front", 1, 2, 10, k.zone()));
        assertThrows(SealedSecretException.class,
                () -> BACKEND_RING.openOfflineIssuingKey(k.sealedKey(), "back", 1, 1, 10, k.zone()));
    }

    @Test
    void givenARevokeAll_reenrollingToTheSameBackendHandsOverTheNewGeneration_andRecordsIt() throws Exception {
        open();
        commission();
        Enrollment first = access.enroll(FRONT, BACKEND);
        clock.advance(Duration.ofMinutes(1));
        Enrollment same = access.enroll(FRONT, BACKEND);
        assertEquals(1, enrolledEvents(), "the same generation again records nothing");
        assertEquals(1, same.offline().generation());
        access.revokeAllOfflineCodes(FRONT);
        clock.advance(Duration.ofMinutes(1));
        restart();

        Enrollment again = access.enroll(FRONT, BACKEND);

        again.verify();
        assertEquals(2, again.offline().generation());
        assertEquals(2, enrolledEvents(), "a newer generation is a new LockEnrolled");
        assertEquals(new LockEnrolled(FRONT, clock.instant(), BACKEND.keyId(), 1, BACKEND.keyId(),
                BACKEND.signingKeyBase64(), 2), revealed(lastEnrolled()));
        assertEquals(2, access.state(FRONT).offline().backendGeneration());
        assertNotEquals(first.offline().sealedKey(), again.offline().sealedKey());
        assertEquals(again, Enrollment.parse(again.toText()));
    }

    @Test
    void givenALockWithoutOfflineCodes_theDocumentCarriesNoOfflineFields_andNothingIsHandedOver() throws Exception {
        open();
        access.commission(LockSetup.of(FRONT).withOfflineCodeLength(0), "80808080".toCharArray());

        Enrollment e = access.enroll(FRONT, BACKEND);

        e.verify();
        assertNull(e.offline());
        for (String field : List.of("offlineGeneration", "offlineDigits", "zone", "offlineKey")) {
            assertFalse(e.toText().contains("\"" + field + "\""), field + " in " + e.toText());
        }
        assertNull(lastEnrolled().offlineKeyGeneration());
        assertEquals(0, access.state(FRONT).offline().backendGeneration());
    }

    /** The enrollment with its actor's sealed name read back (the lock records it sealed). */
    private LockEvent revealed(LockEvent e) {
        LockEnrolled x = (LockEnrolled) e;
        assertTrue(dev.access.crypto.PersonalData.isSealed(x.actor().who()), "the actor's name is sealed in the event");
        return new LockEnrolled(x.lockId(), x.at(), x.backendKeyId(), x.keyEpoch(), x.previousBackendKeyId(),
                x.backendSigningKey(), x.offlineKeyGeneration(), x.actor().withWho(access.reveal(FRONT, x.actor().who())));
    }
}
