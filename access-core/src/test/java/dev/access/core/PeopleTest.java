package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.audit.TrailExport;
import dev.access.core.audit.TrailVerifier;
import dev.access.core.audit.VerificationReport;
import dev.access.core.domain.Actor;
import dev.access.core.domain.Credential;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.Rejection;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.PersonalData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who did what, and erasure, end to end on a real SQLite data directory with a real key ring file:
 * every administrative call records its actor and channel, names never reach a file in clear, and
 * an erased person's name is unreadable everywhere while the trail still verifies.
 */
class PeopleTest {
    private static final LockId FRONT = LockId.of("front");
    private static final String HOLDER = "Zacharias-Quirinius-7731";
    private static final String OTHER = "Philippa-Marguerite-5520";
    private static final String ADMIN = "Ottilie-Brunhilde-4242";

    @TempDir
    Path dir;
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-07-06T08:00:00Z"));
    private AccessControl access;
    private LockStore store;

    /** Closes the lock and its store (an open store's pool could touch its files while the directory is removed). */
    @AfterEach
    void close() {
        if (access != null) {
            access.close();
            store.close();
        }
    }

    private AccessControl open() {
        if (access != null) {
            access.close();
            store.close();
        }
        store = LockStore.sqlite(dir);
        access = AccessControl.builder().store(store).clock(clock)
                .keyRing(FileKeyRing.open(dir.resolve("keys"))).snapshotEvery(10).build();
        return access;
    }

    @Test
    void everyAdministrativeCallRecordsItsActorAndChannel_withTheNameSealed() {
        open();
        access.commission(LockSetup.of(FRONT), "90817263".toCharArray(), Actor.installer("Ina Installer"));
        Actor admin = Actor.remote(ADMIN);
        List<List<LockEvent>> calls = new ArrayList<>();
        calls.add(access.addCode(FRONT, NewCode.unrestricted(1, HOLDER), "4826".toCharArray(), admin));
        calls.add(access.changeCode(FRONT, 1, "5937".toCharArray(), admin));
        calls.add(access.suspendCode(FRONT, 1, admin));
        calls.add(access.resumeCode(FRONT, 1, admin));
        for (int i = 0; i < 5; i++) {
            access.enter(FRONT, "1111".toCharArray(), EntrySource.KEYPAD);
        }
        calls.add(access.changeMode(FRONT, OperatingMode.VACATION, admin));
        calls.add(access.clearLockout(FRONT, admin));
        calls.add(access.setClock(FRONT, clock.instant(), admin));
        calls.add(access.revokeAllOfflineCodes(FRONT, admin));
        calls.add(access.removeCode(FRONT, 1, admin));
        for (List<LockEvent> events : calls) {
            assertFalse(events.isEmpty());
            for (LockEvent e : events) {
                Actor a = actorOf(e);
                assertNotNull(a, "an administrative event names its actor: " + e);
                assertEquals(Actor.Channel.REMOTE, a.channel(), e.toString());
                assertTrue(PersonalData.isSealed(a.who()), "the actor's name is sealed in " + e);
                assertEquals(ADMIN + " via remote", access.describe(FRONT, a));
            }
        }
        LockEvent.LockCommissioned c = (LockEvent.LockCommissioned) access.events(FRONT).get(0);
        assertEquals(Actor.Channel.INSTALLER, c.actor().channel());
        assertEquals("Ina Installer", access.reveal(FRONT, c.actor().who()));
        // The defaults: the local administrator, and the installer at commissioning.
        LockEvent added = access.addCode(FRONT, NewCode.unrestricted(2, OTHER), "7391".toCharArray()).get(0);
        assertEquals("local via local", access.describe(FRONT, actorOf(added)));
    }

    @Test
    void theApiHasNoAdministrativeCallWithoutAnActorOverload() {
        Set<String> administrative = Set.of("commission", "addCode", "changeCode", "suspendCode", "resumeCode",
                "removeCode", "revokeOfflineCode", "revokeAllOfflineCodes", "exportOfflineIssuingKey", "changeMode",
                "clearLockout", "setClock", "factoryReset", "enroll", "forgetSlotHolder", "forgetActor");
        List<String> missing = new ArrayList<>();
        for (Method m : AccessControl.class.getMethods()) {
            if (!administrative.contains(m.getName()) || !Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            boolean takesActor = Stream.of(m.getParameterTypes()).anyMatch(Actor.class::equals);
            // An overload that takes an Actor: the same parameters plus one, or with one (a legacy free-text
            // "by") replaced by it.
            if (!takesActor && Stream.of(AccessControl.class.getMethods()).noneMatch(o -> o.getName().equals(m.getName())
                    && o.getParameterTypes()[o.getParameterCount() - 1] == Actor.class
                    && (o.getParameterCount() == m.getParameterCount() + 1
                        || o.getParameterCount() == m.getParameterCount() && m.getParameterTypes()[m.getParameterCount() - 1] == String.class))) {
                missing.add(m.toString());
            }
        }
        assertEquals(List.of(), missing, "administrative calls without an overload that takes an Actor");
        for (String name : administrative) {
            assertTrue(Stream.of(AccessControl.class.getMethods()).anyMatch(m -> m.getName().equals(name)), name);
        }
    }

    @Test
    void erasingAHolder_leavesNoTraceInAnyFileOrOutput_othersReadable_trailVerifies_idempotent() throws Exception {
        open();
        access.commission(LockSetup.of(FRONT), "90817263".toCharArray());
        access.addCode(FRONT, NewCode.unrestricted(1, HOLDER), "4826".toCharArray(), Actor.local(ADMIN));
        access.addCode(FRONT, NewCode.unrestricted(2, OTHER), "7391".toCharArray(), Actor.local(ADMIN));
        access.enter(FRONT, "4826".toCharArray(), EntrySource.KEYPAD);
        access.suspendCode(FRONT, 1, Actor.local(ADMIN));
        access.removeCode(FRONT, 1);
        access.addCode(FRONT, NewCode.unrestricted(1, HOLDER + "-again"), "5937".toCharArray());
        access.enter(FRONT, "5937".toCharArray(), EntrySource.KEYPAD);
        assertTrue(access.awaitAccessLog(java.time.Duration.ofSeconds(30)));
        assertEquals(HOLDER + "-again", access.reveal(FRONT, access.state(FRONT).credentials().get(1).name()));
        assertEquals(HOLDER + "-again", access.accessLog(FRONT).codes().get(1).name());
        // Names are sealed from the start: no file of the data directory ever holds one in clear.
        assertNoFileHolds(HOLDER, OTHER, ADMIN);

        assertEquals(2, access.forgetSlotHolder(FRONT, 1, Actor.local("dpo")), "both holdings of slot 1");
        access.checkpoint(FRONT);
        open(); // a restart: the state comes back from the snapshot and the events
        LockState s = access.state(FRONT);
        assertEquals(PersonalData.ERASED, access.reveal(FRONT, s.credentials().get(1).name()));
        assertEquals(OTHER, access.reveal(FRONT, s.credentials().get(2).name()), "others stay readable");
        assertEquals(ADMIN + " via local", access.describe(FRONT, s.credentials().get(2).addedBy()));
        assertEquals(PersonalData.ERASED, access.accessLog(FRONT).codes().get(1).name());
        assertTrue(access.accessLog(FRONT).recentAttempts().stream().filter(a -> Integer.valueOf(1).equals(a.slot()))
                .allMatch(a -> PersonalData.ERASED.equals(a.name())));
        List<LockEvent.SubjectErased> erasures = access.events(FRONT).stream()
                .filter(LockEvent.SubjectErased.class::isInstance).map(LockEvent.SubjectErased.class::cast).toList();
        assertEquals(2, erasures.size());
        for (LockEvent.SubjectErased x : erasures) {
            assertTrue(PersonalData.isSubjectId(x.subject()), "the erasure names a random id, no one");
        }
        assertNoFileHolds(HOLDER, OTHER, ADMIN);
        // The keys are gone from the key ring's people file; the other person's is still there.
        String people = Files.readString(dir.resolve("keys.people"), StandardCharsets.UTF_8);
        for (LockEvent.SubjectErased x : erasures) {
            assertFalse(people.contains(x.subject()), "the erased subject's key line is gone");
        }
        // The trail still verifies with the lock's public key alone; the export holds no name.
        String export = export();
        VerificationReport r = TrailVerifier.verify(new BufferedReader(new StringReader(export)),
                id -> access.publicKey(LockId.of(id)));
        assertTrue(r.ok(), r.problems().toString());
        assertFalse(export.contains(HOLDER));
        // Idempotent: nothing more to destroy, nothing more recorded.
        int events = access.events(FRONT).size();
        assertEquals(0, access.forgetSlotHolder(FRONT, 1, Actor.local("dpo")));
        assertEquals(events, access.events(FRONT).size());
        LockCommandRejected unknown = assertThrows(LockCommandRejected.class,
                () -> access.forgetSlotHolder(FRONT, 9, Actor.local("dpo")));
        assertEquals(Rejection.UNKNOWN_SUBJECT, unknown.rejection());
        // The keypad still works as before: the erasure touched no rule.
        assertTrue(access.enter(FRONT, "7391".toCharArray(), EntrySource.KEYPAD).granted());
        assertTrue(access.enter(FRONT, "5937".toCharArray(), EntrySource.KEYPAD).granted());
    }

    @Test
    void erasingAnActor_makesEveryEventTheyDidReadErased_andTheNameCannotBeFoundAgain() throws IOException {
        open();
        access.commission(LockSetup.of(FRONT), "90817263".toCharArray());
        access.addCode(FRONT, NewCode.unrestricted(1, OTHER), "4826".toCharArray(), Actor.local(ADMIN));
        access.changeMode(FRONT, OperatingMode.VACATION, Actor.local(ADMIN));
        access.changeMode(FRONT, OperatingMode.NORMAL, Actor.local("bob"));
        assertEquals(1, access.forgetActor(FRONT, ADMIN, Actor.local("dpo")));
        Credential c = access.state(FRONT).credentials().get(1);
        assertEquals(PersonalData.ERASED + " via local", access.describe(FRONT, c.addedBy()));
        assertEquals(OTHER, access.reveal(FRONT, c.name()), "the holder is another person");
        assertEquals("bob", access.reveal(FRONT, access.state(FRONT).modeSetBy()));
        LockCommandRejected again = assertThrows(LockCommandRejected.class,
                () -> access.forgetActor(FRONT, ADMIN, Actor.local("dpo")));
        assertEquals(Rejection.UNKNOWN_SUBJECT, again.rejection());
        assertFalse(again.getMessage().contains(ADMIN), "the error names no one");
        assertNoFileHolds(ADMIN, OTHER);
        // Acting again under the same name makes a new person, readable until erased in turn.
        access.changeMode(FRONT, OperatingMode.VACATION, Actor.local(ADMIN));
        assertEquals(ADMIN, access.reveal(FRONT, access.state(FRONT).modeSetBy()));
    }

    @Test
    void badActorsAreRefusedWithTypedErrorsAndNothingIsRecorded() {
        open();
        access.commission(LockSetup.of(FRONT), "90817263".toCharArray());
        int before = access.events(FRONT).size();
        assertEquals(Rejection.INVALID_ARGUMENT, assertThrows(LockCommandRejected.class,
                () -> access.suspendCode(FRONT, 0, new Actor("x", null, null))).rejection());
        assertEquals(Rejection.INVALID_ARGUMENT, assertThrows(LockCommandRejected.class,
                () -> access.changeMode(FRONT, OperatingMode.VACATION, Actor.local("x".repeat(65)))).rejection());
        assertEquals(Rejection.INVALID_ARGUMENT, assertThrows(LockCommandRejected.class,
                () -> access.changeMode(FRONT, OperatingMode.VACATION, Actor.local("a\u0007b"))).rejection());
        assertEquals(Rejection.INVALID_ARGUMENT, assertThrows(LockCommandRejected.class,
                () -> access.changeMode(FRONT, OperatingMode.VACATION, Actor.backend("not-a-key-id"))).rejection());
        assertEquals(before, access.events(FRONT).size());
    }

    @Test
    void aPruneNamesItsActorUnderTheAnchorsSignature_andAHolderKeptOnlyByTheAnchorCanStillBeErased() throws Exception {
        open();
        access.commission(LockSetup.of(FRONT), "90817263".toCharArray());
        access.addCode(FRONT, NewCode.unrestricted(1, HOLDER), "4826".toCharArray());
        clock.advance(java.time.Duration.ofHours(1));
        access.enter(FRONT, "4826".toCharArray(), EntrySource.KEYPAD);
        PruneResult r = access.pruneTrail(FRONT, clock.instant(), Actor.local(ADMIN));
        assertTrue(r.removed() > 0);
        String export = export();
        String anchorLine = export.lines().filter(l -> l.contains("\"TrailAnchored\"")).findFirst().orElseThrow();
        assertTrue(anchorLine.contains("\\\"channel\\\":\\\"LOCAL\\\""), anchorLine);
        assertFalse(anchorLine.contains(ADMIN), "the actor's name is sealed in the anchor too");
        VerificationReport ok = TrailVerifier.verify(new BufferedReader(new StringReader(export)),
                id -> access.publicKey(LockId.of(id)));
        assertTrue(ok.ok(), ok.problems().toString());
        // The actor is under the anchor's signature: another actor there fails verification.
        String forged = export.replace("\\\"channel\\\":\\\"LOCAL\\\"", "\\\"channel\\\":\\\"REMOTE\\\"");
        assertFalse(forged.equals(export));
        assertFalse(TrailVerifier.verify(new BufferedReader(new StringReader(forged)),
                id -> access.publicKey(LockId.of(id))).ok(), "an anchor's actor cannot be changed");
        // The CodeAdded of slot 1 was pruned: its holder lives on in the anchored state, and is found there.
        assertTrue(access.events(FRONT).stream().noneMatch(LockEvent.CodeAdded.class::isInstance));
        assertEquals(1, access.forgetSlotHolder(FRONT, 1, Actor.local("dpo")));
        assertEquals(PersonalData.ERASED, access.reveal(FRONT, access.state(FRONT).credentials().get(1).name()));
        assertTrue(access.enter(FRONT, "4826".toCharArray(), EntrySource.KEYPAD).granted());
    }

    private String export() {
        StringWriter w = new StringWriter();
        TrailExport.write(access, FRONT, w);
        return w.toString();
    }

    /** Every file under the data directory (database, WAL, key ring, people keys), as bytes, holds none of the names. */
    private void assertNoFileHolds(String... names) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String name : names) {
                    assertFalse(content.contains(name), f.getFileName() + " holds '" + name + "'");
                }
            }
        }
    }

    private static Actor actorOf(LockEvent e) {
        try {
            return (Actor) e.getClass().getMethod("actor").invoke(e);
        } catch (ReflectiveOperationException x) {
            return null;
        }
    }
}
