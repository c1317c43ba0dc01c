package dev.access.cli;

import static dev.access.cli.CliRun.run;
import static dev.access.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.access.cli.CliRun.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockctl and the files of its data directory: a key ring copied from another store or deleted is
 * refused, no output path may overwrite the store, its key ring or an input, a damaged or
 * read-only database is a one-line environment error, and loose permissions are warned about.
 */
class LockCtlStoreSafetyTest {
    private static final String T0 = "2026-12-01T06:00:00Z";
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    private static Result in(Path data, String... args) {
        return run(Stream.concat(Stream.of("--data", data.toString(), "--at", T0), Stream.of(args)).toArray(String[]::new));
    }

    private Path commissioned(String name) {
        Path data = dir.resolve(name);
        in(data, "commission", "--lock", "front", "--master-pin", MASTER).ok();
        return data;
    }

    private static int events(Path data) {
        return in(data, "status", "--lock", "front", "--json").ok().json().path("events").asInt();
    }

    // ---- the key ring belongs to its store ----

    @Test
    void aKeyRingCopiedFromAnotherStore_isRefusedWithExit2_andNothingIsRecorded() throws Exception {
        Path a = commissioned("a");
        Path b = commissioned("b");
        Files.copy(b.resolve("keys"), a.resolve("keys"), StandardCopyOption.REPLACE_EXISTING);
        int before = events(a);

        in(a, "enter", "--lock", "front", "--pin", MASTER).fails(ExitCodes.USAGE, "belongs to another store");
        in(a, "code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").fails(ExitCodes.USAGE, "another store");
        assertEquals(before, events(a));
    }

    @Test
    void aDeletedKeyRing_isNotRecreated_whenTheStoreHoldsLocks() throws Exception {
        Path a = commissioned("a");
        Files.delete(a.resolve("keys"));
        int before = events(a);

        in(a, "enter", "--lock", "front", "--pin", MASTER).fails(ExitCodes.USAGE, "holds no keys");
        assertFalse(Files.exists(a.resolve("keys")), "the key ring must not be recreated");
        in(a, "commission", "--lock", "back", "--master-pin", MASTER).fails(ExitCodes.USAGE, "holds no keys");
        assertFalse(Files.exists(a.resolve("keys")));
        assertEquals(before, events(a));
    }

    // ---- output paths ----

    @Test
    void noOutputPath_mayOverwriteTheStoreItsKeyRingOrAnInput() throws Exception {
        Path a = commissioned("a");
        Path keys = a.resolve("keys");
        Path db = a.resolve("events.db");
        Files.createSymbolicLink(dir.resolve("keys-link"), keys);
        Files.createSymbolicLink(dir.resolve("data-link"), a);
        byte[] keysBefore = Files.readAllBytes(keys);
        byte[] dbBefore = Files.readAllBytes(db);

        List<Path> forbidden = List.of(keys, db, a.resolve("events.db-wal"), a.resolve("events.db-shm"),
                dir.resolve("keys-link"), dir.resolve("data-link").resolve("events.db"),
                a.resolve("native").resolve("libsqlitejdbc.so"), a.resolve(".").resolve("keys"));
        for (Path out : forbidden) {
            in(a, "audit", "export", "--lock", "front", "--out", out.toString()).fails(ExitCodes.USAGE, out.toString());
            in(a, "diagnose", "--lock", "front", "--support-bundle", out.toString()).fails(ExitCodes.USAGE, out.toString());
        }
        assertArrayEquals(keysBefore, Files.readAllBytes(keys), "the key ring was changed");
        assertArrayEquals(dbBefore, Files.readAllBytes(db), "the database was changed");

        Path export = dir.resolve("front.jsonl");
        in(a, "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        byte[] exportBefore = Files.readAllBytes(export);
        keysBefore = Files.readAllBytes(keys); // the export signed a checkpoint: the ring now holds the signing key
        Files.createSymbolicLink(dir.resolve("export-link"), export);
        run("audit", "report", export.toString(), "--format", "csv", "--out", dir.resolve("export-link").toString())
                .fails(ExitCodes.USAGE, "export-link");
        run("audit", "report", dir.resolve("export-link").toString(), "--format", "csv", "--out", export.toString())
                .fails(ExitCodes.USAGE, export.toString());
        run("--data", a.toString(), "audit", "report", export.toString(), "--format", "csv", "--out", keys.toString())
                .fails(ExitCodes.USAGE, keys.toString());
        assertArrayEquals(exportBefore, Files.readAllBytes(export), "the export was changed");
        assertArrayEquals(keysBefore, Files.readAllBytes(keys), "the key ring was changed");
    }

    // ---- a damaged or read-only database ----

    @Test
    void aTruncatedDatabase_isExit2_withOneClearLine() throws Exception {
        Path a = commissioned("a");
        Files.deleteIfExists(a.resolve("events.db-wal"));
        try (RandomAccessFile f = new RandomAccessFile(a.resolve("events.db").toFile(), "rw")) {
            f.setLength(4096);
        }
        in(a, "status", "--lock", "front").fails(ExitCodes.USAGE, "corrupt");
        in(a, "enter", "--lock", "front", "--pin", MASTER).fails(ExitCodes.USAGE, "corrupt");
    }

    @Test
    void aDatabaseWithGarbagePages_isExit2_withOneClearLine() throws Exception {
        Path a = commissioned("a");
        try (RandomAccessFile f = new RandomAccessFile(a.resolve("events.db").toFile(), "rw")) {
            byte[] garbage = new byte[8192];
            Arrays.fill(garbage, (byte) 0xA5);
            f.seek(4096);
            f.write(garbage);
        }
        in(a, "status", "--lock", "front").fails(ExitCodes.USAGE, "corrupt");
        in(a, "enter", "--lock", "front", "--pin", MASTER).fails(ExitCodes.USAGE, "corrupt");
    }

    /**
     * A database file the process cannot write. As root, permissions do not stop writes, so the
     * file is made immutable ({@code chattr +i}) instead; where neither works the test is skipped.
     */
    @Test
    void aReadOnlyDatabase_isExit2_notAConflict() throws Exception {
        Path a = commissioned("a");
        Path db = a.resolve("events.db");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            assumeTrue(exec("chattr", "+i", db.toString()) == 0, "chattr +i is not available here");
        } else {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--------"));
        }
        try {
            Result r = in(a, "code", "add", "--lock", "front", "--slot", "1", "--pin", "4826");
            r.fails(ExitCodes.USAGE, "read-only");
            assertFalse(r.err().contains("already inserted"), r.err());
            in(a, "commission", "--lock", "back", "--master-pin", MASTER).fails(ExitCodes.USAGE, "read-only");
        } finally {
            if (root) {
                exec("chattr", "-i", db.toString());
            } else {
                Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
            }
        }
        assertEquals(2, events(a));
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    // ---- permissions and the database password ----

    @Test
    void aWorldWritableDataDirectory_isWarnedAbout_onOneLine() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwxrwxrwx"));
        Result r = in(a, "commission", "--lock", "front", "--master-pin", MASTER);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("lockctl: warning: ") && r.err().contains(a.toString())
                && r.err().contains("rwxrwxrwx"), r.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve("events.db"))));
    }

    /** The PostgreSQL password need not be on the command line (where the process list shows it). */
    @Test
    void thePassword_comesFromTheEnvironmentOrStandardInput_beforeAPin() {
        GlobalOptions g = new GlobalOptions();
        g.jdbcUrl = "jdbc:postgresql://localhost/x";
        assertEquals(null, g.password(Map.of(), InputStream.nullInputStream()));
        assertEquals("from-env", g.password(Map.of("LOCKCTL_PASSWORD", "from-env"), InputStream.nullInputStream()));
        g.password = "given";
        assertEquals("given", g.password(Map.of("LOCKCTL_PASSWORD", "from-env"), InputStream.nullInputStream()));
        g.password = "-";
        InputStream in = new ByteArrayInputStream("from stdin\n4826\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("from stdin", g.password(Map.of("LOCKCTL_PASSWORD", "from-env"), in));
        assertEquals("4826", new String(Pins.resolve(new char[] {'-'}, in)), "the PIN is the next line");

        runWithInput("", "--jdbc", "jdbc:postgresql://localhost:1/x", "--password", "-", "status", "--lock", "front")
                .fails(ExitCodes.USAGE, "--password -: standard input is empty");
        runWithInput("secret\n", "--jdbc", "jdbc:postgresql://localhost:1/x", "--password", "-", "status", "--lock",
                "front").fails(ExitCodes.USAGE, "cannot connect");
    }
}
