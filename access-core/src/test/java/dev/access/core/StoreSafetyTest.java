package dev.access.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.AccessException;
import dev.access.StoreCorruptedException;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import dev.access.crypto.KeyRingException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store and its key ring on real files: a key ring belongs to one store, a lost key ring is not
 * silently replaced, a damaged database is reported as such, and the files are owner-only.
 */
class StoreSafetyTest {
    private static final LockId FRONT = LockId.of("front");
    private static final String MASTER = "80808080";

    @TempDir
    Path dir;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-04-01T10:00:00Z"));

    private AccessControl open(LockStore store, KeyRing keys) {
        return AccessControl.builder().store(store).clock(clock).keyRing(keys).build();
    }

    /** A data directory with the lock commissioned in it; everything closed again. */
    private Path commissioned(String name) {
        Path data = dir.resolve(name);
        try (LockStore store = LockStore.sqlite(data);
                AccessControl access = open(store, FileKeyRing.open(data.resolve("keys")))) {
            access.commission(LockSetup.of(FRONT), MASTER.toCharArray());
        }
        return data;
    }

    private long events(Path data) {
        try (LockStore store = LockStore.sqlite(data); AccessControl access = open(store, InMemoryKeyRing.create())) {
            return access.events(FRONT).size();
        }
    }

    /** Using the data directory with its key ring file is refused, before anything is recorded. */
    private KeyRingException refused(Path data) {
        long before = events(data);
        KeyRingException e;
        try (LockStore store = LockStore.sqlite(data)) {
            e = assertThrows(KeyRingException.class, () -> open(store, FileKeyRing.open(data.resolve("keys")))
                    .enter(FRONT, MASTER.toCharArray(), EntrySource.KEYPAD));
        }
        assertFalse(e.getMessage().contains(MASTER), e.getMessage());
        assertEquals(before, events(data), "nothing may be recorded with a key ring of another store");
        return e;
    }

    @Test
    void givenTheKeyRingOfAnotherStore_whenBuilt_thenRefused_andNothingIsRecorded() throws Exception {
        Path a = commissioned("a");
        Files.copy(commissioned("b").resolve("keys"), a.resolve("keys"), StandardCopyOption.REPLACE_EXISTING);

        assertTrue(refused(a).getMessage().contains("another store"));
    }

    @Test
    void givenTheKeyRingWasDeleted_whenANewEmptyOneIsOpened_thenRefusedForAStoreThatHoldsLocks() throws Exception {
        Path a = commissioned("a");
        Files.delete(a.resolve("keys"));

        assertTrue(refused(a).getMessage().contains("holds no keys"));
    }

    @Test
    void givenAKeyRingWrittenBeforeBinding_whenOpenedWithItsStore_thenAdoptedAndBound() throws Exception {
        Path a = commissioned("a");
        Path keys = a.resolve("keys");
        // The format before store binding: the same records without a store line.
        String text = Files.readString(keys, StandardCharsets.UTF_8);
        String body = text.substring(0, text.lastIndexOf("sha256 ")).lines().filter(l -> !l.startsWith("store "))
                .map(l -> l + "\n").collect(Collectors.joining());
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        Files.writeString(keys, body + "sha256 " + HexFormat.of().formatHex(sha) + "\n", StandardCharsets.UTF_8);

        try (LockStore store = LockStore.sqlite(a); AccessControl access = open(store, FileKeyRing.open(keys))) {
            assertTrue(access.enter(FRONT, MASTER.toCharArray(), EntrySource.KEYPAD).granted());
        }
        assertTrue(Files.readString(keys, StandardCharsets.UTF_8).contains("\nstore "), "the ring is bound now");
        Path b = commissioned("b");
        try (LockStore store = LockStore.sqlite(b)) {
            assertThrows(KeyRingException.class, () -> open(store, FileKeyRing.open(keys)));
        }
    }

    @Test
    void givenATruncatedDatabase_whenOpened_thenStoreCorruptedException() throws Exception {
        Path a = commissioned("a");
        Files.deleteIfExists(a.resolve(LockStore.SQLITE_FILE + "-wal"));
        try (RandomAccessFile f = new RandomAccessFile(a.resolve(LockStore.SQLITE_FILE).toFile(), "rw")) {
            f.setLength(4096);
        }
        AccessException e = assertThrows(AccessException.class, () -> {
            try (LockStore store = LockStore.sqlite(a); AccessControl access = open(store, InMemoryKeyRing.create())) {
                access.state(FRONT);
            }
        });
        assertTrue(e instanceof StoreCorruptedException, e.toString());
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains(LockStore.SQLITE_FILE), e.getMessage());
    }

    @Test
    void givenPagesOverwrittenWithGarbage_whenALockIsRead_thenStoreCorruptedException() throws Exception {
        Path a = commissioned("a");
        try (RandomAccessFile f = new RandomAccessFile(a.resolve(LockStore.SQLITE_FILE).toFile(), "rw")) {
            byte[] garbage = new byte[8192];
            Arrays.fill(garbage, (byte) 0xA5);
            f.seek(4096);
            f.write(garbage);
        }
        AccessException e = assertThrows(AccessException.class, () -> {
            try (LockStore store = LockStore.sqlite(a); AccessControl access = open(store, InMemoryKeyRing.create())) {
                access.state(FRONT);
            }
        });
        assertTrue(e instanceof StoreCorruptedException, e.toString());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void theDatabaseAndItsWalAndShmFiles_areOwnerOnly() throws Exception {
        Path a = dir.resolve("a");
        try (LockStore store = LockStore.sqlite(a); AccessControl access = open(store, FileKeyRing.open(a.resolve("keys")))) {
            access.commission(LockSetup.of(FRONT), MASTER.toCharArray());
            for (String f : List.of("", "-wal", "-shm")) {
                Path file = a.resolve(LockStore.SQLITE_FILE + f);
                assertTrue(Files.exists(file), file.toString());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve("native"))));
        }
    }

    @Test
    void aDataDirectoryOthersMayWrite_isUsed_andReportedInWarnings() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (LockStore store = LockStore.sqlite(a)) {
            assertEquals(1, store.warnings().size(), store.warnings().toString());
            assertTrue(store.warnings().get(0).contains(a.toString()) && store.warnings().get(0).contains("rwxrwxrwx"),
                    store.warnings().get(0));
        }
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwx------"));
        try (LockStore store = LockStore.sqlite(a)) {
            assertEquals(List.of(), store.warnings());
        }
    }
}
