package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.access.crypto.KeyRing;
import dev.access.crypto.KeyUnavailableException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AccessControl#enroll}: on a SQLite store with a key ring file, across restarts. */
class EnrollTest {
    private static final LockId FRONT = LockId.of("front");
    private static final Instant T0 = Instant.parse("2026-04-01T10:00:00Z");
    private static final BackendPublicKey BACKEND = InMemoryKeyRing.create().createBackendIdentity().publicKey();
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
        assertEquals(new LockEnrolled(FRONT, clock.instant(), BACKEND.keyId(), 1, null, BACKEND.signingKeyBase64()), access.events(FRONT)
                .get(access.events(FRONT).size() - 1));
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
        assertEquals(new LockEnrolled(FRONT, clock.instant(), OTHER.keyId(), 1, BACKEND.keyId(), OTHER.signingKeyBase64()),
                events.get(events.size() - 1));
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
        assertEquals(new LockEnrolled(FRONT, clock.instant(), BACKEND.keyId(), 2, null, BACKEND.signingKeyBase64()), events.get(events.size() - 1));
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
}
