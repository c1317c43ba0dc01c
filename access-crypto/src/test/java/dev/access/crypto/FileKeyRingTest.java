package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FileKeyRing}: the {@link KeyRingContract}, plus persistence, shredding, corruption and permissions. */
class FileKeyRingTest extends KeyRingContract {

    @TempDir
    Path dir;

    private int rings;

    @Override
    KeyRing newRing() {
        return FileKeyRing.open(dir.resolve("ring-" + (rings++)));
    }

    private Path ringFile() {
        return dir.resolve("keyring");
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The base64 salt the file holds for an epoch, read straight from its text. */
    private static String saltInFile(Path file, String lock, int epoch) throws IOException {
        String prefix = "epoch " + lock + " " + epoch + " ";
        return text(file).lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "'"));
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static String withChecksum(String body) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        return body + "sha256 " + TestBytes.hex(sha) + "\n";
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A ring file with two locks, epochs (one destroyed) and a signing key. */
    private Path populatedRing() {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        ring.createEpoch(LOCK);
        ring.createEpoch(LOCK);
        ring.createEpoch(OTHER_LOCK);
        ring.destroyEpoch(LOCK, 1);
        ring.checkpointSigner(LOCK);
        return ring.file();
    }

    /** Opening must fail with a KeyRingException naming the file, and leave the file and directory as they were. */
    private static KeyRingException assertRefusedAndUntouched(Path file) throws IOException {
        byte[] before = Files.readAllBytes(file);
        Set<String> filesBefore = listing(file.getParent());

        KeyRingException e = assertThrows(KeyRingException.class, () -> FileKeyRing.open(file));

        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the file was changed");
        assertEquals(filesBefore, listing(file.getParent()), "files were added or removed");
        return e;
    }

    @Test
    void created_isTrueForTheOpenThatMadeTheFile_andFalseForLaterOpens() {
        FileKeyRing first = FileKeyRing.open(ringFile());
        assertTrue(first.created(), "the first open creates the ring file");
        FileKeyRing second = FileKeyRing.open(ringFile());
        assertFalse(second.created(), "a later open finds it");
        int epoch = first.createEpoch("front-door");
        assertEquals(epoch, FileKeyRing.open(ringFile()).currentEpoch("front-door").getAsInt());
    }

    @Test
    void bindToStore_recordsTheStoreDurably_andRefusesAnotherStore() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        assertTrue(ring.storeId().isEmpty());
        ring.bindToStore("store-a", false);
        ring.bindToStore("store-a", true);
        assertTrue(text(ringFile()).contains("\nstore store-a\n"), text(ringFile()));

        FileKeyRing reopened = FileKeyRing.open(ringFile());
        assertEquals("store-a", reopened.storeId().orElseThrow());
        KeyRingMismatchException e = assertThrows(KeyRingMismatchException.class,
                () -> reopened.bindToStore("store-b", true));
        assertTrue(e.getMessage().contains("store-a") && e.getMessage().contains("store-b"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FileKeyRing.open(dir.resolve("other")).bindToStore("a b", false));
    }

    @Test
    void bindToStore_anEmptyRingForAStoreWithEvents_isRefusedAndStaysUnbound() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        byte[] before = Files.readAllBytes(ringFile());
        assertThrows(KeyRingMismatchException.class, () -> ring.bindToStore("store-a", true));
        assertTrue(ring.storeId().isEmpty());
        assertArrayEquals(before, Files.readAllBytes(ringFile()));

        // A ring with keys but no binding (written before bindings existed) is adopted.
        ring.createEpoch(LOCK);
        ring.bindToStore("store-a", true);
        assertEquals("store-a", FileKeyRing.open(ringFile()).storeId().orElseThrow());
    }

    @Test
    void open_missingFile_createsItWithHeaderInAMissingDirectory() throws IOException {
        Path file = dir.resolve("data/locks/keyring");

        FileKeyRing ring = FileKeyRing.open(file);

        assertTrue(Files.isRegularFile(file));
        assertEquals(file.toAbsolutePath(), ring.file());
        assertTrue(text(file).startsWith(FileKeyRing.HEADER + "\nroot "), text(file));
    }

    @Test
    void givenEpochs_whenReopened_thenSamePinGivesSameDigestAndEpochsPersist() {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        int o1 = ring.createEpoch(OTHER_LOCK);
        CodeDigest d1 = digest(ring, LOCK, e1, "73915846");
        CodeDigest d2 = digest(ring, LOCK, e2, "73915846");
        CodeDigest other = digest(ring, OTHER_LOCK, o1, "73915846");

        FileKeyRing reopened = FileKeyRing.open(ringFile());

        assertEquals(d1, digest(reopened, LOCK, e1, "73915846"));
        assertEquals(d2, digest(reopened, LOCK, e2, "73915846"));
        assertEquals(other, digest(reopened, OTHER_LOCK, o1, "73915846"));
        assertEquals(d1, reopened.digester(LOCK, e1, DigestEngine.BOUNCY_CASTLE).digest(pin("73915846")));
        assertNotEquals(d1, d2);
        assertNotEquals(d1, other);
        assertEquals(OptionalInt.of(2), reopened.currentEpoch(LOCK));
        assertEquals(OptionalInt.of(1), reopened.currentEpoch(OTHER_LOCK));
        assertEquals(3, reopened.createEpoch(LOCK));
        assertEquals(OptionalInt.of(3), FileKeyRing.open(ringFile()).currentEpoch(LOCK));
    }

    @Test
    void givenDestroyedEpoch_whenReopened_thenKeyCannotBeDerivedAndSaltIsGoneFromFile() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        int e1 = ring.createEpoch(LOCK);
        int e2 = ring.createEpoch(LOCK);
        String salt1 = saltInFile(ringFile(), LOCK, e1);
        String salt2 = saltInFile(ringFile(), LOCK, e2);
        CodeDigest kept = digest(ring, LOCK, e2, "1234");
        assertEquals(44, salt1.length(), "a 32-byte salt in base64");

        ring.destroyEpoch(LOCK, e1);

        String after = text(ringFile());
        assertFalse(after.contains(salt1), "the destroyed epoch's salt is still in the file");
        assertTrue(after.contains("epoch " + LOCK + " " + e1 + " destroyed\n"), after);
        assertTrue(after.contains(salt2), "the other epoch's salt must stay");
        FileKeyRing reopened = FileKeyRing.open(ringFile());
        assertTrue(reopened.isDestroyed(LOCK, e1));
        assertThrows(KeyUnavailableException.class, () -> reopened.digester(LOCK, e1));
        assertThrows(KeyUnavailableException.class, () -> reopened.digester(LOCK, e1, DigestEngine.BOUNCY_CASTLE));
        assertEquals(kept, digest(reopened, LOCK, e2, "1234"));
        reopened.destroyEpoch(LOCK, e1);
        assertEquals(after, text(ringFile()), "destroying again changes nothing");
        assertThrows(KeyUnavailableException.class, () -> reopened.destroyEpoch(LOCK, 7));
    }

    @Test
    void trailSigningKey_survivesAReopen() throws Exception {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        TrailPublicKey key = ring.trailPublicKey(LOCK);
        ChainHead head = HashChain.next(ChainHead.GENESIS, 1, "Opened", Instant.ofEpochSecond(1), new byte[] {7});
        Checkpoint before = ring.checkpointSigner(LOCK).sign(1, head, java.time.Instant.EPOCH);

        FileKeyRing reopened = FileKeyRing.open(ringFile());

        assertEquals(key, reopened.trailPublicKey(LOCK));
        assertEquals(key.keyId(), reopened.trailPublicKey(LOCK).keyId());
        reopened.trailPublicKey(LOCK).verify(before);
        key.verify(reopened.checkpointSigner(LOCK).sign(2, head, java.time.Instant.EPOCH));
        assertEquals(key.export(), FileKeyRing.open(ringFile()).trailPublicKey(LOCK).export());
    }

    @Test
    void givenOneByteFlipped_anywhere_whenOpened_thenKeyRingExceptionAndFileUntouched() throws IOException {
        Path file = populatedRing();
        byte[] original = Files.readAllBytes(file);

        for (int i = 0; i < original.length; i++) {
            byte[] corrupt = original.clone();
            corrupt[i] ^= (i % 2 == 0) ? 0x01 : (byte) 0x80;
            Files.write(file, corrupt);

            assertRefusedAndUntouched(file);
        }
    }

    @Test
    void givenFlippedByteInTheBody_whenOpened_thenMessageSaysChecksumMismatch() throws IOException {
        Path file = populatedRing();
        byte[] corrupt = Files.readAllBytes(file);
        corrupt[FileKeyRing.HEADER.length() + 10] ^= 0x01; // inside the root secret's base64
        Files.write(file, corrupt);

        KeyRingException e = assertRefusedAndUntouched(file);

        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void givenFileCutInHalf_whenOpened_thenKeyRingExceptionAndFileUntouched() throws IOException {
        Path file = populatedRing();
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, original.length / 2));

        KeyRingException e = assertRefusedAndUntouched(file);

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void givenFileWithoutItsLastByte_whenOpened_thenKeyRingException() throws IOException {
        Path file = populatedRing();
        byte[] original = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(original, original.length - 1));

        assertRefusedAndUntouched(file);
    }

    @Test
    void givenEmptyFile_whenOpened_thenKeyRingExceptionAndFileNotReplaced() throws IOException {
        Path file = ringFile();
        writeOwnerOnly(file, new byte[0]);

        assertRefusedAndUntouched(file);

        assertEquals(0, Files.size(file));
    }

    @Test
    void givenBadHeaderWithValidChecksum_whenOpened_thenKeyRingExceptionNamingLine1() throws Exception {
        Path file = populatedRing();
        String body = text(file).substring(0, text(file).lastIndexOf("sha256 "));
        writeOwnerOnly(file, withChecksum(body.replace(FileKeyRing.HEADER, "access-keyring 2"))
                .getBytes(StandardCharsets.UTF_8));

        KeyRingException e = assertRefusedAndUntouched(file);

        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    static Stream<String> malformedBodies() {
        String salt = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String root = "root " + salt + "\n";
        String header = FileKeyRing.HEADER + "\n";
        return Stream.of(
                "",
                header,
                "\n" + header + root,
                header + "root\n",
                header + "root " + java.util.Base64.getEncoder().encodeToString(new byte[31]) + "\n",
                header + "root not*base64\n",
                header + root + "epoch front-door 1\n",
                header + root + "epoch front-door one " + salt + "\n",
                header + root + "epoch front door 1 " + salt + "\n",
                header + root + "epoch front-door 1 " + salt + " extra\n",
                header + root + "epoch front-door 1 short\n",
                header + root + "signing front-door\n",
                header + root + "signing ../etc " + salt + "\n",
                header + root + "\n",
                header + root + "delete everything\n",
                header + root + "store\n",
                header + root + "store a/b\n",
                header + root + "store one two\n",
                header + root + "store one\nstore two\n");
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void givenMalformedRecordWithValidChecksum_whenOpened_thenKeyRingException(String body) throws Exception {
        Path file = ringFile();
        writeOwnerOnly(file, withChecksum(body).getBytes(StandardCharsets.UTF_8));

        assertRefusedAndUntouched(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "text", "pem"})
    void givenGarbageFile_whenOpened_thenKeyRingExceptionAndFileUntouched(String kind) throws IOException {
        Path file = ringFile();
        byte[] garbage = switch (kind) {
            case "random" -> TestBytes.random(new Random(17), 4096);
            case "text" -> "hello, this is not a key ring\nsha256\n".getBytes(StandardCharsets.UTF_8);
            default -> "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"
                    .getBytes(StandardCharsets.UTF_8);
        };
        writeOwnerOnly(file, garbage);

        assertRefusedAndUntouched(file);
    }

    @Test
    void newFile_isOwnerOnly_andStaysSoAfterChanges() throws IOException {
        assumeTrue(isPosix(dir), "POSIX permissions");
        FileKeyRing ring = FileKeyRing.open(ringFile());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ringFile())));
        ring.createEpoch(LOCK);
        ring.checkpointSigner(LOCK);
        ring.destroyEpoch(LOCK, 1);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ringFile())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw-rw-rw-"})
    void givenFileAccessibleToOthers_whenOpened_thenRefused(String permissions) throws IOException {
        assumeTrue(isPosix(dir), "POSIX permissions");
        Path file = populatedRing();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));

        KeyRingException e = assertRefusedAndUntouched(file);

        assertTrue(e.getMessage().contains(permissions), e.getMessage());
        assertEquals(permissions, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void givenOwnerReadOnlyFile_whenOpened_thenAccepted() throws IOException {
        assumeTrue(isPosix(dir), "POSIX permissions");
        Path file = populatedRing();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

        assertEquals(OptionalInt.of(2), FileKeyRing.open(file).currentEpoch(LOCK));
    }

    @Test
    void writes_leaveNoTemporaryFilesBehind() throws IOException {
        populatedRing();

        // keyring.lock is the writers' lock file (empty, kept): not a temporary file.
        assertEquals(Set.of("keyring", "keyring.lock"), listing(dir));
    }

    @Test
    void givenWriteFails_whenCreatingEpoch_thenKeyRingExceptionAndRingUnchanged() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        ring.createEpoch(LOCK);
        CodeDigest kept = digest(ring, LOCK, 1, "1234");
        // Replace the file by a non-empty directory: the atomic rename over it must fail.
        Files.delete(ringFile());
        Files.createDirectories(ringFile().resolve("blocker"));

        KeyRingException e = assertThrows(KeyRingException.class, () -> ring.createEpoch(LOCK));

        assertTrue(e.getMessage().contains(ringFile().toString()), e.getMessage());
        assertEquals(OptionalInt.of(1), ring.currentEpoch(LOCK));
        assertThrows(KeyUnavailableException.class, () -> ring.digester(LOCK, 2));
        assertEquals(kept, digest(ring, LOCK, 1, "1234"));
        assertEquals(Set.of("keyring", "keyring.lock"), listing(dir), "the temporary file was removed");
    }

    @Test
    void createEpoch_fromManyThreads_givesDistinctNumbersThatAllPersist() throws Exception {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        int threads = 4;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Integer> epochs = new ArrayList<>();
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(ring.createEpoch(LOCK));
                    }
                    return mine;
                }));
            }
            for (Future<List<Integer>> f : futures) {
                epochs.addAll(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Integer> expected = IntStream.rangeClosed(1, threads * perThread).boxed().collect(Collectors.toSet());
        assertEquals(expected, new HashSet<>(epochs));
        FileKeyRing reopened = FileKeyRing.open(ringFile());
        assertEquals(OptionalInt.of(threads * perThread), reopened.currentEpoch(LOCK));
        for (int epoch : expected) {
            assertEquals(digest(ring, LOCK, epoch, "1234"), digest(reopened, LOCK, epoch, "1234"));
        }
    }

    @Test
    void toString_namesTheFileButNoKeyMaterial() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        ring.createEpoch(LOCK);
        String salt = saltInFile(ringFile(), LOCK, 1);
        String root = text(ringFile()).lines().filter(l -> l.startsWith("root ")).findFirst().orElseThrow()
                .substring(5);

        String shown = ring.toString();

        assertTrue(shown.contains(ringFile().toString()), shown);
        assertFalse(shown.contains(salt), shown);
        assertFalse(shown.contains(root), shown);
    }

    @Test
    void backendIdentity_andSealingKeys_surviveReopening() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        BackendPublicKey backend = ring.createBackendIdentity().publicKey();
        int epoch = ring.createEpoch(LOCK);
        SealingPublicKey sealing = ring.sealingPublicKey(LOCK, epoch);

        FileKeyRing reopened = FileKeyRing.open(ringFile());

        assertEquals(backend, reopened.backendIdentity().orElseThrow().publicKey());
        assertEquals(sealing, reopened.sealingPublicKey(LOCK, epoch));
        assertEquals(1, text(ringFile()).lines().filter(l -> l.startsWith("backend ")).count());
    }

    @Test
    void backendIdentity_createdByTwoRingsOnOneFile_isOne() {
        FileKeyRing a = FileKeyRing.open(ringFile());
        FileKeyRing b = FileKeyRing.open(ringFile());

        BackendPublicKey fromA = a.createBackendIdentity().publicKey();
        BackendPublicKey fromB = b.createBackendIdentity().publicKey();

        assertEquals(fromA, fromB);
    }

    @Test
    void aSecondBackendRecord_isCorruption() throws Exception {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        ring.createBackendIdentity();
        String body = text(ringFile());
        String backendLine = body.lines().filter(l -> l.startsWith("backend ")).findFirst().orElseThrow();
        String withoutChecksum = body.substring(0, body.lastIndexOf("sha256 "));
        Files.writeString(ringFile(), withChecksum(withoutChecksum + backendLine + "\n"), StandardCharsets.UTF_8);

        KeyRingException e = assertThrows(KeyRingException.class, () -> FileKeyRing.open(ringFile()));
        assertTrue(e.getMessage().contains("second backend record"), e.getMessage());
    }

    @Test
    void bindToStore_anInvalidId_isNamedInTheMessage_andShortenedPastSeventyCharacters() {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        String seventy = "s".repeat(70);
        String long200 = "t".repeat(200);

        IllegalArgumentException exactly = assertThrows(IllegalArgumentException.class, () -> ring.bindToStore(seventy, false));
        IllegalArgumentException longer = assertThrows(IllegalArgumentException.class, () -> ring.bindToStore(long200, false));

        assertTrue(exactly.getMessage().contains("'" + seventy + "'"), exactly.getMessage());
        assertTrue(longer.getMessage().contains("'" + "t".repeat(70) + "...'"), longer.getMessage());
        assertFalse(longer.getMessage().contains("t".repeat(71)), longer.getMessage());
        assertTrue(ring.storeId().isEmpty());
    }

    @Test
    void bindToStore_seesABindingAnotherRingOnTheFileMadeMeanwhile() {
        FileKeyRing first = FileKeyRing.open(ringFile());
        FileKeyRing second = FileKeyRing.open(ringFile());
        first.bindToStore("store-a", false);

        KeyRingMismatchException e = assertThrows(KeyRingMismatchException.class, () -> second.bindToStore("store-b", false));

        assertTrue(e.getMessage().contains("store-a") && e.getMessage().contains("store-b"), e.getMessage());
        assertEquals("store-a", FileKeyRing.open(ringFile()).storeId().orElseThrow());
    }

    @Test
    void aChangeThroughAnotherRingOnTheFile_keepsTheBindingItDidNotMake() {
        FileKeyRing unbound = FileKeyRing.open(ringFile());
        FileKeyRing.open(ringFile()).bindToStore("store-a", false);

        unbound.createEpoch(LOCK);

        assertEquals("store-a", unbound.storeId().orElseThrow());
        assertEquals("store-a", FileKeyRing.open(ringFile()).storeId().orElseThrow());
    }

    @Test
    void twoNewRings_haveDifferentRootSecrets() throws IOException {
        FileKeyRing a = FileKeyRing.open(dir.resolve("a"));
        FileKeyRing b = FileKeyRing.open(dir.resolve("b"));

        assertNotEquals(rootLine(a.file()), rootLine(b.file()));
        assertNotEquals(rootLine(a.file()), "root " + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertNotEquals(a.checkpointSigner(LOCK).publicKey().base64(), b.checkpointSigner(LOCK).publicKey().base64());
    }

    private static String rootLine(Path file) throws IOException {
        return text(file).lines().filter(l -> l.startsWith("root ")).findFirst().orElseThrow();
    }

    @Test
    void readPersonalKeys_readsTheKeysBesideTheRing_withoutOpeningIt() {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        String subject = ring.personalKeys().newSubject(LOCK);

        PersonalKeys read = FileKeyRing.readPersonalKeys(ringFile());

        assertTrue(read.isLive(LOCK, subject));
        assertArrayEquals(ring.personalKeys().key(LOCK, subject).orElseThrow(), read.key(LOCK, subject).orElseThrow());
        assertFalse(FileKeyRing.readPersonalKeys(dir.resolve("no-ring")).isLive(LOCK, subject));
    }

    @Test
    void aMalformedRecord_isNamedByItsLineNumber() throws Exception {
        String salt = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        writeOwnerOnly(ringFile(), withChecksum(FileKeyRing.HEADER + "\nroot " + salt + "\nepoch front-door x " + salt + "\n")
                .getBytes(StandardCharsets.UTF_8));

        KeyRingException e = assertRefusedAndUntouched(ringFile());

        assertTrue(e.getMessage().contains("line 3 is malformed"), e.getMessage());
    }

    @Test
    void aBackendRecordWithAnExtraField_isCorruption() throws Exception {
        String salt = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        writeOwnerOnly(ringFile(), withChecksum(FileKeyRing.HEADER + "\nroot " + salt + "\nbackend " + salt + " extra\n")
                .getBytes(StandardCharsets.UTF_8));

        KeyRingException e = assertRefusedAndUntouched(ringFile());

        assertTrue(e.getMessage().contains("line 3 has 3 fields, expected 2"), e.getMessage());
    }

    @Test
    void anUnknownRecord_isNamed_shortenedPastTwentyCharacters() throws Exception {
        String salt = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String twenty = "x".repeat(20);
        writeOwnerOnly(ringFile(), withChecksum(FileKeyRing.HEADER + "\nroot " + salt + "\n" + twenty + " 1\n")
                .getBytes(StandardCharsets.UTF_8));
        KeyRingException exactly = assertRefusedAndUntouched(ringFile());
        writeOwnerOnly(ringFile(), withChecksum(FileKeyRing.HEADER + "\nroot " + salt + "\n" + "y".repeat(40) + " 1\n")
                .getBytes(StandardCharsets.UTF_8));
        KeyRingException longer = assertRefusedAndUntouched(ringFile());

        assertTrue(exactly.getMessage().contains("unknown record '" + twenty + "'"), exactly.getMessage());
        assertTrue(longer.getMessage().contains("unknown record '" + "y".repeat(20) + "'"), longer.getMessage());
    }

    @Test
    void aFileStartingWithItsChecksumLine_isReportedAsABadHeader_notAsTruncated() throws Exception {
        writeOwnerOnly(ringFile(), withChecksum("\n").getBytes(StandardCharsets.UTF_8));

        KeyRingException e = assertRefusedAndUntouched(ringFile());

        assertTrue(e.getMessage().contains("line 1 is not"), e.getMessage());
    }

    /*
     * Two rings on one file (two processes sharing a key ring, e.g. lockctl beside a running hub):
     * what one writes, the other reads before it answers or changes anything.
     */
    @Test
    void aRingOpenedEarlier_readsEpochsAndTheBackendIdentityAnotherRingMadeSince() {
        FileKeyRing early = FileKeyRing.open(ringFile());
        FileKeyRing other = FileKeyRing.open(ringFile());
        int epoch = other.createEpoch(LOCK);
        CodeDigest digest = other.digester(LOCK, epoch, DigestEngine.BOUNCY_CASTLE).digest(pin("73915846"));
        BackendPublicKey backend = other.createBackendIdentity().publicKey();

        assertEquals(OptionalInt.of(epoch), early.currentEpoch(LOCK));
        assertEquals(digest, FileKeyRing.open(ringFile()).digester(LOCK, epoch, DigestEngine.BOUNCY_CASTLE).digest(pin("73915846")));
        assertEquals(backend, early.backendIdentity().orElseThrow().publicKey());
    }

    /*
     * Each entry point re-reads the file on its own: a ring that asks only that one question, or
     * that knew the lock but not the newer epoch, still sees what the other ring made.
     */
    @Test
    void aRingOpenedEarlier_findsTheBackendIdentity_whenThatIsTheFirstThingItAsks() {
        FileKeyRing early = FileKeyRing.open(ringFile());
        BackendPublicKey backend = FileKeyRing.open(ringFile()).createBackendIdentity().publicKey();

        assertEquals(backend, early.backendIdentity().orElseThrow().publicKey());
    }

    @Test
    void aRingThatKnewTheLock_seesANewerEpochAnotherRingMadeAndDestroyed() {
        FileKeyRing other = FileKeyRing.open(ringFile());
        int first = other.createEpoch(LOCK);
        FileKeyRing early = FileKeyRing.open(ringFile());
        assertFalse(early.isDestroyed(LOCK, first));
        int second = other.createEpoch(LOCK);
        other.destroyEpoch(LOCK, second);

        assertTrue(early.isDestroyed(LOCK, second));
    }

    @Test
    void aRingThatKnewTheLock_digestsWithANewerEpochAnotherRingMade() {
        FileKeyRing other = FileKeyRing.open(ringFile());
        int first = other.createEpoch(LOCK);
        FileKeyRing early = FileKeyRing.open(ringFile());
        early.digester(LOCK, first, DigestEngine.JDK).digest(pin("73915846"));
        int second = other.createEpoch(LOCK);

        assertEquals(other.digester(LOCK, second, DigestEngine.JDK).digest(pin("73915846")),
                early.digester(LOCK, second, DigestEngine.JDK).digest(pin("73915846")));
    }

    @Test
    void aRingOpenedEarlier_digestsWithAnEpochAnotherRingMadeSince() {
        FileKeyRing early = FileKeyRing.open(ringFile());
        FileKeyRing other = FileKeyRing.open(ringFile());
        int epoch = other.createEpoch(LOCK);

        assertEquals(other.digester(LOCK, epoch, DigestEngine.BOUNCY_CASTLE).digest(pin("73915846")),
                early.digester(LOCK, epoch, DigestEngine.BOUNCY_CASTLE).digest(pin("73915846")));
    }

    @Test
    void aRingOpenedEarlier_seesAnEpochAnotherRingDestroyed_andCanDestroyOneItNeverSaw() {
        FileKeyRing early = FileKeyRing.open(ringFile());
        FileKeyRing earlier = FileKeyRing.open(ringFile());
        FileKeyRing other = FileKeyRing.open(ringFile());
        int first = other.createEpoch(LOCK);
        int second = other.createEpoch(LOCK);
        other.destroyEpoch(LOCK, first);

        assertTrue(early.isDestroyed(LOCK, first));
        earlier.destroyEpoch(LOCK, second);
        assertTrue(FileKeyRing.open(ringFile()).isDestroyed(LOCK, second));
    }

    @Test
    void aRingOpenedEarlier_numbersItsNewEpochAfterAnotherRingsOnes() {
        FileKeyRing early = FileKeyRing.open(ringFile());
        FileKeyRing other = FileKeyRing.open(ringFile());
        int first = other.createEpoch(LOCK);

        int next = early.createEpoch(LOCK);

        assertEquals(first + 1, next);
        assertEquals(OptionalInt.of(next), FileKeyRing.open(ringFile()).currentEpoch(LOCK));
    }

    @Test
    void aRingWhoseFileWasReplacedByAnotherRing_refusesToWrite() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        FileKeyRing stranger = FileKeyRing.open(dir.resolve("stranger"));
        stranger.createEpoch(OTHER_LOCK);
        byte[] strangers = Files.readAllBytes(stranger.file());
        Files.write(ringFile(), strangers);

        KeyRingException e = assertThrows(KeyRingException.class, () -> ring.createEpoch(LOCK));

        assertTrue(e.getMessage().contains("replaced by another key ring"), e.getMessage());
        assertArrayEquals(strangers, Files.readAllBytes(ringFile()));
    }

    @Test
    void aBackendIdentitysSeed_isRandom() throws IOException {
        FileKeyRing ring = FileKeyRing.open(ringFile());
        ring.createBackendIdentity();

        String line = text(ringFile()).lines().filter(l -> l.startsWith("backend ")).findFirst().orElseThrow();

        assertNotEquals("backend " + java.util.Base64.getEncoder().encodeToString(new byte[32]), line);
    }

    @Test
    void toString_countsTheLocks_andSaysWhetherABackendIdentityIsHeld() {
        InMemoryKeyRing ring = InMemoryKeyRing.create();
        ring.createEpoch(LOCK);
        ring.createEpoch(OTHER_LOCK);
        assertEquals("InMemoryKeyRing[2 locks, key material redacted]", ring.toString());

        ring.createBackendIdentity();

        assertEquals("InMemoryKeyRing[2 locks, a backend identity, key material redacted]", ring.toString());
    }
}
