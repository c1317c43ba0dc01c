package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PersonalData} and the key ring's {@link PersonalKeys}: sealing, opening, erasure, persistence. */
class PersonalDataTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aSealedNameOpensOnlyWithItsKeyForItsLockAndHidesTheText() {
        byte[] key = PersonalData.newKey(RANDOM);
        byte[] other = PersonalData.newKey(RANDOM);
        String sealed = PersonalData.seal("front", key, "Zacharias Quirinius", RANDOM);
        assertTrue(PersonalData.isSealed(sealed));
        assertFalse(sealed.contains("Zacharias"));
        assertEquals(Optional.of(PersonalData.subjectOf(key)), PersonalData.subjectOfValue(sealed));
        assertEquals(Optional.of("Zacharias Quirinius"), PersonalData.open("front", sealed, key));
        assertEquals(Optional.empty(), PersonalData.open("front", sealed, other), "another subject's key");
        assertEquals(Optional.empty(), PersonalData.open("back", sealed, key), "moved to another lock");
        assertNotEquals(sealed, PersonalData.seal("front", key, "Zacharias Quirinius", RANDOM), "random nonce");
        // Every single-character change of the box is refused (AES-GCM), never read as another name.
        int box = sealed.lastIndexOf('.') + 1;
        for (int i = box; i < sealed.length(); i++) {
            char c = sealed.charAt(i) == 'A' ? 'B' : 'A';
            String changed = sealed.substring(0, i) + c + sealed.substring(i + 1);
            Optional<String> opened = PersonalData.open("front", changed, key);
            assertTrue(opened.isEmpty() || opened.get().equals("Zacharias Quirinius"),
                    "a changed box read as " + opened);
        }
    }

    @Test
    void lengthIsHiddenTo16BytesAndLimitsAreTypedWithoutTheText() {
        byte[] key = PersonalData.newKey(RANDOM);
        assertEquals(PersonalData.seal("l", key, "a", RANDOM).length(), PersonalData.seal("l", key, "abcdefghijklmno", RANDOM).length());
        assertEquals(Optional.of("a"), PersonalData.open("l", PersonalData.seal("l", key, "a", RANDOM), key));
        assertEquals(Optional.of("żółw ☃"), PersonalData.open("l", PersonalData.seal("l", key, "żółw ☃", RANDOM), key));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PersonalData.seal("l", key, "secret-name".repeat(30), RANDOM));
        assertFalse(e.getMessage().contains("secret-name"));
        assertFalse(PersonalData.isSealed("alice"));
        assertEquals(Optional.empty(), PersonalData.subjectOfValue("~pd1.short.x"));
    }

    @Test
    void theSubjectIdCommitsToItsKey() {
        byte[] key = PersonalData.newKey(RANDOM);
        String id = PersonalData.subjectOf(key);
        assertTrue(PersonalData.isSubjectId(id));
        key[0] ^= 1;
        assertNotEquals(id, PersonalData.subjectOf(key));
    }

    @Test
    void erasureDestroysTheKeyDurablyAndRemovesTheActorsEntry(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        FileKeyRing keys = FileKeyRing.open(ring);
        PersonalKeys p = keys.personalKeys();
        String holder = p.newSubject("front");
        String sealed = p.seal("front", holder, "Zacharias");
        String alice = p.actorSubject("front", "alice");
        assertEquals(alice, p.actorSubject("front", "alice"), "one subject per actor name and lock");
        assertNotEquals(alice, p.actorSubject("back", "alice"), "per lock");
        assertEquals(Optional.of(alice), p.findActorSubject("front", "alice"));
        byte[] aliceKey = p.key("front", alice).orElseThrow();
        String sealedAlice = p.seal("front", alice, "alice");

        // Another process (a new instance) reads what was written.
        PersonalKeys reopened = FileKeyRing.open(ring).personalKeys();
        assertEquals(Optional.of("Zacharias"), reopened.reveal("front", sealed));
        assertEquals(Optional.of(alice), reopened.findActorSubject("front", "alice"));

        assertTrue(p.erase("front", alice));
        assertFalse(p.erase("front", alice), "idempotent");
        assertEquals(Optional.empty(), p.reveal("front", sealedAlice));
        assertEquals(Optional.empty(), p.findActorSubject("front", "alice"));
        assertEquals(Optional.of("Zacharias"), p.reveal("front", sealed), "others stay readable");
        PersonalKeys afterErasure = FileKeyRing.open(ring).personalKeys();
        assertEquals(Optional.empty(), afterErasure.reveal("front", sealedAlice));
        assertFalse(afterErasure.isLive("front", alice));
        // The key's bytes are gone from the file (and so is the subject id of the actor entry).
        String file = Files.readString(dir.resolve("keyring.people"), StandardCharsets.UTF_8);
        assertFalse(file.contains(java.util.Base64.getEncoder().encodeToString(aliceKey)));
        assertFalse(file.contains(alice));
        assertTrue(file.contains(holder));
        // A new act by the same name makes a new subject.
        assertNotEquals(alice, p.actorSubject("front", "alice"));
        assertThrows(KeyUnavailableException.class, () -> p.seal("front", alice, "x"));
        assertEquals(Optional.of("clear text"), p.reveal("front", "clear text"), "legacy clear text");
    }

    @Test
    void aTornAppendIsIgnoredAndCutAndCorruptionIsRefused(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        PersonalKeys p = FileKeyRing.open(ring).personalKeys();
        String a = p.newSubject("front");
        Path file = dir.resolve("keyring.people");
        Files.writeString(file, "subject front xyz", java.nio.file.StandardOpenOption.APPEND);
        PersonalKeys q = FileKeyRing.open(ring).personalKeys();
        assertTrue(q.isLive("front", a));
        String b = q.newSubject("front");
        assertTrue(FileKeyRing.open(ring).personalKeys().isLive("front", b));
        assertFalse(Files.readString(file).contains("xyz"));
        String text = Files.readString(file);
        Files.writeString(file, text.replace(a, a.substring(0, 21) + (a.charAt(21) == 'A' ? 'B' : 'A')));
        KeyRingException e = assertThrows(KeyRingException.class, () -> FileKeyRing.open(ring).personalKeys());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    /** A file that holds only its header, without the newline, is not truncated to a headerless one. */
    @Test
    void aHeaderThatLostItsNewline_isWrittenAgainBeforeTheNextRecord(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        FileKeyRing.open(ring).personalKeys().newSubject("front");
        Path file = dir.resolve("keyring.people");
        Files.writeString(file, PersonalKeyStore.HEADER); // keeps the owner-only permissions

        String subject = FileKeyRing.open(ring).personalKeys().newSubject("back");

        assertTrue(Files.readString(file).startsWith(PersonalKeyStore.HEADER + "\n"), Files.readString(file));
        assertTrue(FileKeyRing.open(ring).personalKeys().isLive("back", subject));
    }

    /** An actor record carries no key to commit to: its check alone catches an edit, and names the line. */
    @Test
    void anEditedActorRecord_failsItsCheck(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        FileKeyRing.open(ring).personalKeys().actorSubject("front", "bob");
        Path file = dir.resolve("keyring.people");
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), "header, subject, actor");
        String actor = lines.get(2);
        assertTrue(actor.startsWith("actor front "), actor);
        int at = "actor front ".length();
        char c = actor.charAt(at);
        lines.set(2, actor.substring(0, at) + (c == 'a' ? 'b' : 'a') + actor.substring(at + 1));
        Files.write(file, lines);

        KeyRingException e = assertThrows(KeyRingException.class, () -> FileKeyRing.open(ring).personalKeys());
        assertTrue(e.getMessage().contains("line 3 fails its check"), e.getMessage());
    }

    /** A line that passes its check but is not a record this store writes is refused, naming its line. */
    @Test
    void aCheckedButWrongRecord_isRefusedNamingItsLine(@TempDir Path dir) throws Exception {
        Path ring = dir.resolve("keyring");
        FileKeyRing.open(ring).personalKeys().newSubject("front");
        Path file = dir.resolve("keyring.people");
        String kept = Files.readString(file);
        byte[] key = PersonalData.newKey(RANDOM);
        String b64 = java.util.Base64.getEncoder().encodeToString(key);
        String otherSubject = PersonalData.subjectOf(PersonalData.newKey(RANDOM));
        Map<String, String> cases = Map.of(
                "subject front " + otherSubject + " " + b64, "line 3 holds a key that is not its subject's",
                "visitor front x y", "line 3 is not a subject or actor record",
                "", "line 3 fails its check", // " <check>": no record before the check's space
                "subject front " + PersonalData.subjectOf(key) + " %%%", "line 3 is malformed",
                "subject Front! " + PersonalData.subjectOf(key) + " " + b64, "line 3 is malformed");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String text = kept + c.getKey() + " " + checkOf(c.getKey()) + "\n";
            Files.writeString(file, text);
            KeyRingException e = assertThrows(KeyRingException.class, () -> FileKeyRing.open(ring).personalKeys(),
                    c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertEquals(text, Files.readString(file), "left untouched");
        }
    }

    /** The check this store appends to each record: 16 hex digits of the record's SHA-256. */
    private static String checkOf(String record) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(record.getBytes(StandardCharsets.UTF_8));
        return Bytes.hex(d).substring(0, 16);
    }

    @Test
    void manyThreadsAndInstancesCreatingSubjectsLoseNone(@TempDir Path dir) throws Exception {
        Path ring = dir.resolve("keyring");
        FileKeyRing.open(ring);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> made = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                made.add(pool.submit(() -> FileKeyRing.open(ring).personalKeys().actorSubject("front", "actor" + (n % 10))));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<String> f : made) {
                ids.add(f.get());
            }
            assertEquals(10, ids.size(), "one subject per name however many writers");
            Map<String, byte[]> live = FileKeyRing.open(ring).personalKeys().liveKeys("front");
            assertEquals(ids, live.keySet());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLongestTextKept_andAnEmptyText_sealAndOpen() {
        byte[] key = PersonalData.newKey(RANDOM);
        String longest = "n".repeat(PersonalData.MAX_TEXT_BYTES);

        assertEquals(Optional.of(longest), PersonalData.open("door", PersonalData.seal("door", key, longest, RANDOM), key));
        assertEquals(Optional.of(""), PersonalData.open("door", PersonalData.seal("door", key, "", RANDOM), key));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> PersonalData.seal("door", key, longest + "n", RANDOM));
        assertFalse(tooLong.getMessage().contains(longest), "the message never shows the text");
    }

    @Test
    void aTextStartingWithNul_isRefused() {
        byte[] key = PersonalData.newKey(RANDOM);

        assertThrows(IllegalArgumentException.class, () -> PersonalData.seal("door", key, "\u0000Ann", RANDOM));
        assertThrows(IllegalArgumentException.class, () -> PersonalData.seal("door", key, "Ann\u0000", RANDOM));
    }

    @Test
    void isSubjectId_acceptsOnlyTheSubjectForm() {
        String subject = PersonalData.subjectOf(PersonalData.newKey(RANDOM));

        assertTrue(PersonalData.isSubjectId(subject));
        assertFalse(PersonalData.isSubjectId(null));
        assertFalse(PersonalData.isSubjectId("Ann"));
        assertFalse(PersonalData.isSubjectId(subject + "x"));
        assertFalse(PersonalData.isSubjectId(subject.substring(1) + "."));
    }

    @Test
    void anInstanceOpenedEarlier_findsSubjectsActorsAndKeysAnotherInstanceMadeSince(@TempDir Path dir) {
        Path ring = dir.resolve("keyring");
        PersonalKeys writer = FileKeyRing.open(ring).personalKeys();
        PersonalKeys early = FileKeyRing.open(ring).personalKeys();

        String holder = writer.newSubject("front");
        String sealed = writer.seal("front", holder, "Zacharias");
        String bob = writer.actorSubject("front", "bob");

        assertEquals(Optional.of(bob), early.findActorSubject("front", "bob"));
        assertTrue(early.liveKeys("front").containsKey(holder));
        assertTrue(early.key("front", holder).isPresent());
        assertEquals(Optional.of("Zacharias"), early.reveal("front", sealed));
    }

    /** Each question re-reads the file by itself when it misses: asked first, each still sees the other's work. */
    @Test
    void anInstanceOpenedEarlier_seesAnotherInstancesSubject_whateverItAsksFirst(@TempDir Path dir) {
        Path ring = dir.resolve("keyring");
        PersonalKeys writer = FileKeyRing.open(ring).personalKeys();
        writer.newSubject("front"); // the file exists before the readers open it
        PersonalKeys forKeys = FileKeyRing.open(ring).personalKeys();
        PersonalKeys forKey = FileKeyRing.open(ring).personalKeys();
        PersonalKeys forLive = FileKeyRing.open(ring).personalKeys();
        PersonalKeys forReveal = FileKeyRing.open(ring).personalKeys();
        forKeys.liveKeys("front");
        forKey.liveKeys("front");
        forLive.liveKeys("front");
        forReveal.liveKeys("front");

        String holder = writer.newSubject("front");
        String sealed = writer.seal("front", holder, "Zacharias");

        assertTrue(forKeys.liveKeys("front").containsKey(holder));
        assertTrue(forKey.key("front", holder).isPresent());
        assertTrue(forLive.isLive("front", holder));
        assertEquals(Optional.of("Zacharias"), forReveal.reveal("front", sealed));
    }

    /** A subject another instance erased, or a keys file deleted (a factory reset), is gone here too. */
    @Test
    void anInstanceOpenedEarlier_forgetsWhatAnotherErased_andEverythingWhenTheFileIsGone(@TempDir Path dir)
            throws IOException {
        Path ring = dir.resolve("keyring");
        PersonalKeys writer = FileKeyRing.open(ring).personalKeys();
        String kept = writer.newSubject("front");
        String erased = writer.newSubject("front");
        PersonalKeys reader = FileKeyRing.open(ring).personalKeys();
        assertEquals(java.util.Set.of(kept, erased), reader.liveKeys("front").keySet());

        writer.erase("front", erased);
        assertEquals(java.util.Set.of(kept), reader.liveKeys("front").keySet());

        Files.delete(dir.resolve("keyring.people"));
        assertEquals(java.util.Map.of(), reader.liveKeys("front"));
        assertFalse(reader.key("front", kept).isPresent());
    }

    /**
     * Crypto-shredding across instances: a lock whose every subject another instance erased is
     * forgotten here too, and this instance's next rewrite (after an erasure of its own) never
     * writes the erased key or its actor entry back into the file.
     */
    @Test
    void anErasureAnotherInstanceMade_isNeverUndoneByThisInstancesRewrite(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        PersonalKeys writer = FileKeyRing.open(ring).personalKeys();
        String bob = writer.actorSubject("back", "bob"); // the only subject of lock "back"
        String other = writer.newSubject("front");
        PersonalKeys reader = FileKeyRing.open(ring).personalKeys();
        assertEquals(java.util.Set.of(bob), reader.liveKeys("back").keySet());

        assertTrue(writer.erase("back", bob));
        assertEquals(Map.of(), reader.liveKeys("back"), "the erased lock's keys are gone here too");

        assertTrue(reader.erase("front", other)); // rewrites the whole file from the reader's memory
        String text = Files.readString(dir.resolve("keyring.people"), StandardCharsets.UTF_8);
        assertFalse(text.contains(bob), "the erased subject came back: " + text);
        assertFalse(text.contains("actor "), "an erased actor's entry came back: " + text);
        PersonalKeys reopened = FileKeyRing.open(ring).personalKeys();
        assertFalse(reopened.isLive("back", bob));
        assertEquals(Optional.empty(), reopened.findActorSubject("back", "bob"));
    }

    /**
     * After a factory reset deletes the keys file, what this instance knew of the old actors is
     * forgotten: its next rewrite holds only what was made since.
     */
    @Test
    void aDeletedKeysFile_leavesNoOldActorEntryInThisInstancesNextRewrite(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        PersonalKeys writer = FileKeyRing.open(ring).personalKeys();
        String bob = writer.actorSubject("front", "bob");
        writer.actorSubject("front", "dave");
        PersonalKeys reader = FileKeyRing.open(ring).personalKeys();
        assertEquals(Optional.of(bob), reader.findActorSubject("front", "bob"));

        Files.delete(dir.resolve("keyring.people"));
        String carol = reader.actorSubject("front", "carol");
        assertTrue(reader.erase("front", carol)); // rewrites the file from the reader's memory

        String text = Files.readString(dir.resolve("keyring.people"), StandardCharsets.UTF_8);
        assertEquals(PersonalKeyStore.HEADER + "\n", text);
    }

    /**
     * The actor index is keyed per lock and separates the lock from the name: the same person on
     * two locks, or a lock id and name that concatenate alike, never share an index (the file does
     * not link one person's entries across locks).
     */
    @Test
    void actorIndexes_differPerLock_andNeverJoinLockAndName(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        PersonalKeys p = FileKeyRing.open(ring).personalKeys();
        p.actorSubject("front", "bob");
        p.actorSubject("back", "bob");
        p.actorSubject("fron", "tx");
        p.actorSubject("front", "x");
        Map<String, String> indexOf = new java.util.HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("keyring.people"))) {
            String[] f = line.split(" ");
            if (f[0].equals("actor")) {
                assertTrue(f[2].matches("[0-9a-f]{32}"), line);
                assertEquals(null, indexOf.put(f[2], f[1]), "index shared: " + line);
            }
        }
        assertEquals(4, indexOf.size());
    }

    /** A key ring with no file keeps personal keys in memory, with the same answers. */
    @Test
    void anInMemoryRingsPersonalKeys_workWithoutAFile() {
        PersonalKeys p = InMemoryKeyRing.create().personalKeys();
        String holder = p.newSubject("front");
        String bob = p.actorSubject("front", "bob");
        assertTrue(p.isLive("front", holder));
        assertEquals(Optional.of(bob), p.findActorSubject("front", "bob"));
        assertEquals(java.util.Set.of(holder, bob), p.liveKeys("front").keySet());
        assertTrue(p.erase("front", bob));
        assertEquals(Optional.empty(), p.findActorSubject("front", "bob"));
        assertFalse(p.isLive("front", bob));
    }

    @Test
    void aKeysFileReadableByOthers_isRefusedWhenRead(@TempDir Path dir) throws IOException {
        Path ring = dir.resolve("keyring");
        String holder = FileKeyRing.open(ring).personalKeys().newSubject("front");
        Path people = dir.resolve("keyring.people");
        org.junit.jupiter.api.Assumptions.assumeTrue(people.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Files.setPosixFilePermissions(people, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        KeyRingException e = assertThrows(KeyRingException.class,
                () -> FileKeyRing.open(ring).personalKeys().key("front", holder));
        assertTrue(e.getMessage().contains("keyring.people"), e.getMessage());
    }

    @Test
    void erasingOneActor_keepsTheOtherActorsEntriesInTheRewrittenFile(@TempDir Path dir) {
        Path ring = dir.resolve("keyring");
        PersonalKeys p = FileKeyRing.open(ring).personalKeys();
        String alice = p.actorSubject("front", "alice");
        String bob = p.actorSubject("front", "bob");

        assertTrue(p.erase("front", alice));

        PersonalKeys reopened = FileKeyRing.open(ring).personalKeys();
        assertEquals(Optional.of(bob), reopened.findActorSubject("front", "bob"));
        assertEquals(Optional.empty(), reopened.findActorSubject("front", "alice"));
    }

    @Test
    void aReadOnlyView_readsNamesButRefusesChanges(@TempDir Path dir) {
        Path ring = dir.resolve("keyring");
        PersonalKeys p = FileKeyRing.open(ring).personalKeys();
        String holder = p.newSubject("front");
        String sealed = p.seal("front", holder, "Zacharias");

        PersonalKeys view = FileKeyRing.readPersonalKeys(ring);

        assertEquals(Optional.of("Zacharias"), view.reveal("front", sealed));
        assertThrows(KeyRingException.class, () -> view.newSubject("front"));
        assertThrows(KeyRingException.class, () -> view.findActorSubject("front", "alice"));
        assertTrue(view.toString().contains("keyring.people"), view.toString());
    }
}
