package dev.access.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers on one key file (lockctl processes started together on a new data directory,
 * or two rings opened on the same file): nobody fails on first use and nobody loses another's keys.
 */
class ConcurrentKeyRingTest {
    @TempDir
    Path dir;

    /** Child JVM: opens the ring in {@code args[0]}, creates an epoch and a signing key for lock {@code args[1]}. */
    public static void main(String[] args) {
        FileKeyRing ring = FileKeyRing.open(Path.of(args[0]));
        int epoch = ring.createEpoch(args[1]);
        ring.checkpointSigner(args[1]);
        System.out.println(epoch + " " + KeyRingContract.digest(ring, args[1], epoch, "73915846").commitment());
    }

    @Test
    void twoRingsOnOneFile_keepEachOthersKeys_andFindThem() {
        Path file = dir.resolve("keys");
        FileKeyRing a = FileKeyRing.open(file);
        FileKeyRing b = FileKeyRing.open(file);
        int ea = a.createEpoch("lock-a");
        int eb = b.createEpoch("lock-b");
        b.createEpoch("lock-a");
        FileKeyRing reopened = FileKeyRing.open(file);
        assertEquals(OptionalInt.of(2), reopened.currentEpoch("lock-a"), "b's second epoch for lock-a follows a's first");
        assertEquals(OptionalInt.of(eb), reopened.currentEpoch("lock-b"));
        // A key another ring made is found (and is the same key).
        assertEquals(KeyRingContract.digest(a, "lock-a", ea, "73915846"), KeyRingContract.digest(b, "lock-a", ea, "73915846"));
        assertEquals(KeyRingContract.digest(b, "lock-b", eb, "73915846"), KeyRingContract.digest(a, "lock-b", eb, "73915846"));
        a.destroyEpoch("lock-b", eb);
        assertTrue(FileKeyRing.open(file).isDestroyed("lock-b", eb));
        assertEquals(OptionalInt.of(2), FileKeyRing.open(file).currentEpoch("lock-a"));
    }

    @Test
    void threadsOpeningANewRingTogether_allSucceed_andShareOneRoot_andEveryWriteStays() throws Exception {
        Path file = dir.resolve("data").resolve("keys");
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<CodeDigest>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String lock = "lock-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    FileKeyRing ring = FileKeyRing.open(file);
                    int epoch = ring.createEpoch(lock);
                    ring.checkpointSigner(lock);
                    return KeyRingContract.digest(ring, lock, epoch, "73915846");
                }));
            }
            start.countDown();
            List<CodeDigest> digests = new ArrayList<>();
            for (Future<CodeDigest> f : results) {
                digests.add(f.get(1, TimeUnit.MINUTES));
            }
            FileKeyRing after = FileKeyRing.open(file);
            for (int i = 0; i < n; i++) {
                assertEquals(OptionalInt.of(1), after.currentEpoch("lock-" + i), "lock-" + i + " kept its epoch");
                assertEquals(digests.get(i), KeyRingContract.digest(after, "lock-" + i, 1, "73915846"),
                        "one root for everyone: lock-" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void processesStartedTogetherOnANewRing_allSucceed_andEveryEpochStays() throws Exception {
        Path file = dir.resolve("proc").resolve("keys");
        int n = 6;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    ConcurrentKeyRingTest.class.getName(), file.toString(), "lock-" + i).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : children) {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "a child did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.exitValue(), out);
            outputs.add(out);
        }
        FileKeyRing after = FileKeyRing.open(file);
        for (int i = 0; i < n; i++) {
            assertEquals(OptionalInt.of(1), after.currentEpoch("lock-" + i), "lock-" + i + " kept its epoch");
            assertEquals("1 " + KeyRingContract.digest(after, "lock-" + i, 1, "73915846").commitment(), outputs.get(i));
        }
    }
}
