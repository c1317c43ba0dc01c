package dev.access.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.access.cli.CliRun.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lockctl on a real size-limited file system (a 3 MiB tmpfs mounted for the test, so it runs only
 * where the test may mount: as root, with mount allowed): when the disk fills, and when the file
 * system turns read-only, commands fail with one clear line and exit 2; every acknowledged code and
 * entry is kept, nothing half-written is left, and once space (or writing) returns the lock works
 * again and its trail verifies. The file system is unmounted even when the test fails.
 */
class LockCtlFullDiskTest {
    private static final String MASTER = "97531864";

    @TempDir
    Path dir;

    private Path mount;

    /** Mounts a tmpfs of {@code size} at {@code dir/mnt}, or skips the test where that is not allowed. */
    private Path mountTmpfs(String size) throws Exception {
        Path at = Files.createDirectory(dir.resolve("mnt"));
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting needs root");
        assumeTrue(exec("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", at.toString()) == 0,
                "tmpfs cannot be mounted here");
        mount = at;
        return at;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            exec("mount", "-o", "remount,rw", mount.toString());
            if (exec("umount", mount.toString()) != 0) {
                exec("umount", "-l", mount.toString());
            }
            mount = null;
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static Result in(Path data, String at, String... args) {
        List<String> all = new ArrayList<>(List.of("--data", data.toString(), "--at", at));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** Fills the file system of {@code dir} to the last byte with one file, which it returns. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler");
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left: the point.
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
    }

    private static void assertNothingHalfWritten(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            List<String> temporary = files.map(Path::toString).filter(n -> n.contains(".tmp-")).toList();
            assertEquals(List.of(), temporary, "temporary files left behind");
        }
    }

    @Test
    void aFullDisk_failsWithOneClearLine_losesNothingAcknowledged_andTheLockWorksOnceSpaceReturns() throws Exception {
        Path data = mountTmpfs("3m").resolve("data");
        in(data, "2026-12-01T06:00:00Z", "commission", "--lock", "front", "--master-pin", MASTER).ok();
        in(data, "2026-12-01T06:00:10Z", "code", "add", "--lock", "front", "--slot", "1", "--pin", "4826",
                "--name", "alice").ok();
        Path filler = fill(mount);

        // Codes and entries until the disk refuses; every one acknowledged (exit 0) must survive.
        List<Integer> acknowledgedSlots = new ArrayList<>(List.of(1));
        int acknowledgedEntries = 0;
        List<Result> refusals = new ArrayList<>();
        String[] pins = {"7305", "1593", "3141", "2718", "6912", "5821", "9402", "8642"};
        for (int i = 0; i < pins.length; i++) {
            int slot = i + 2;
            Result add = in(data, "2026-12-01T06:01:0" + i + "Z", "code", "add", "--lock", "front", "--slot",
                    String.valueOf(slot), "--pin", pins[i], "--name", "person-" + slot);
            if (add.exit() == 0) {
                acknowledgedSlots.add(slot);
            } else {
                refusals.add(add);
            }
            Result enter = in(data, "2026-12-01T06:02:0" + i + "Z", "enter", "--lock", "front", "--pin", "4826");
            if (enter.exit() == 0) {
                acknowledgedEntries++;
            } else {
                refusals.add(enter);
            }
        }
        Result commission = in(data, "2026-12-01T06:03:00Z", "commission", "--lock", "back", "--master-pin", MASTER);
        if (commission.exit() != 0) {
            refusals.add(commission);
        }
        assertTrue(!refusals.isEmpty(), "a full disk refused nothing");
        for (Result r : refusals) {
            r.fails(ExitCodes.USAGE, "");
            assertTrue(r.err().contains("disk is full") || r.err().contains("no space left on device"), r.err());
        }
        assertNothingHalfWritten(data);

        // Space returns: everything acknowledged is there, the lock works, the trail verifies.
        Files.delete(filler);
        assertNothingHalfWritten(data);
        var status = in(data, "2026-12-01T06:04:00Z", "status", "--lock", "front", "--json").ok().json();
        List<Integer> slots = new ArrayList<>();
        status.path("codes").forEach(c -> slots.add(c.path("slot").asInt()));
        for (int slot : acknowledgedSlots) {
            assertTrue(slots.contains(slot), "acknowledged slot " + slot + " was lost: " + slots);
        }
        in(data, "2026-12-01T06:05:00Z", "code", "add", "--lock", "front", "--slot", "10", "--pin", "8643").ok();
        in(data, "2026-12-01T06:05:10Z", "enter", "--lock", "front", "--pin", "8643").ok();
        in(data, "2026-12-01T06:05:20Z", "commission", "--lock", "back", "--master-pin", MASTER).ok();
        Path export = dir.resolve("front.jsonl");
        in(data, "2026-12-01T06:06:00Z", "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        String trail = Files.readString(export);
        assertTrue(trail.lines().filter(l -> l.contains("\"type\":\"EntryGranted\"")).count() >= acknowledgedEntries + 1,
                "every acknowledged entry is in the trail");
        assertTrue(CliRun.run("audit", "verify", export.toString()).ok().out().contains(": OK, "));
    }

    @Test
    void aFileSystemTurnedReadOnly_failsWithOneClearLine_andTheLockWorksOnceWritable() throws Exception {
        Path data = mountTmpfs("8m").resolve("data");
        in(data, "2026-12-01T06:00:00Z", "commission", "--lock", "front", "--master-pin", MASTER).ok();
        in(data, "2026-12-01T06:00:10Z", "code", "add", "--lock", "front", "--slot", "1", "--pin", "4826").ok();
        assertEquals(0, exec("mount", "-o", "remount,ro", mount.toString()));

        Result add = in(data, "2026-12-01T06:01:00Z", "code", "add", "--lock", "front", "--slot", "2", "--pin", "7305");
        add.fails(ExitCodes.USAGE, "");
        assertTrue(add.err().contains("read-only") || add.err().contains("not a writable directory"), add.err());
        in(data, "2026-12-01T06:01:10Z", "enter", "--lock", "front", "--pin", "4826").fails(ExitCodes.USAGE, "");
        in(data, "2026-12-01T06:01:20Z", "commission", "--lock", "back", "--master-pin", MASTER)
                .fails(ExitCodes.USAGE, "");

        assertEquals(0, exec("mount", "-o", "remount,rw", mount.toString()));
        assertNothingHalfWritten(data);
        var codes = in(data, "2026-12-01T06:02:00Z", "status", "--lock", "front", "--json").ok().json().path("codes");
        assertEquals(2, codes.size(), "the refused code was not recorded: " + codes);
        in(data, "2026-12-01T06:02:10Z", "code", "add", "--lock", "front", "--slot", "2", "--pin", "7305").ok();
        in(data, "2026-12-01T06:02:20Z", "enter", "--lock", "front", "--pin", "7305").ok();
        Path export = dir.resolve("front.jsonl");
        in(data, "2026-12-01T06:03:00Z", "audit", "export", "--lock", "front", "--out", export.toString()).ok();
        assertTrue(CliRun.run("audit", "verify", export.toString()).ok().out().contains(": OK, "));
    }
}
