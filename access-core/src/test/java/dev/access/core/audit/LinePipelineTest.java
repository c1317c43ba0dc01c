package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The pipeline under the verifier and the reader, by itself (no export, no lock): every line
 * handed over once, in order, with its own preparation and number; chunks of exactly
 * {@link LinePipeline#CHUNK} lines; the read-ahead bounded; chunks after the first prepared on the
 * pool while the first is prepared by the caller; a failing source handing over what it gave
 * first; a failing preparation surfacing as itself.
 */
class LinePipelineTest {

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add("line-" + i);
        }
        return out;
    }

    /** Runs over {@code lines}; returns what the sink saw as "number|text|prepared". */
    private static List<String> handedOver(List<String> lines, List<Integer> chunkSizes) {
        List<String> seen = new ArrayList<>();
        long count = LinePipeline.run(lines, (first, chunk) -> {
            synchronized (chunkSizes) {
                chunkSizes.add(chunk.size());
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                out.add((first + i) + ":" + chunk.get(i).toUpperCase());
            }
            return out;
        }, (number, text, prepared) -> seen.add(number + "|" + text + "|" + prepared));
        assertEquals(lines.size(), count, "the count of lines read");
        return seen;
    }

    @Test
    void everyLine_isHandedOverOnce_inOrder_withItsNumberAndItsOwnPreparation() {
        int chunk = LinePipeline.CHUNK;
        for (int n : new int[] {0, 1, 2, chunk - 1, chunk, chunk + 1, chunk * (LinePipeline.AHEAD + 1),
                chunk * (LinePipeline.AHEAD + 2) + 7}) {
            List<String> lines = numbered(n);
            List<Integer> sizes = new ArrayList<>();
            List<String> seen = handedOver(lines, sizes);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                expected.add(i + "|line-" + i + "|" + i + ":LINE-" + i);
            }
            assertEquals(expected, seen, n + " lines");
            // Chunks of exactly CHUNK lines, the last one the rest.
            List<Integer> sorted = new ArrayList<>(sizes);
            sorted.sort(null);
            List<Integer> want = new ArrayList<>();
            if (n % chunk != 0) {
                want.add(n % chunk);
            }
            for (int i = 0; i < n / chunk; i++) {
                want.add(chunk);
            }
            assertEquals(want, sorted, n + " lines: chunk sizes");
        }
    }

    @Test
    void lineByLine_preparesEachLineAlone_onTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Integer> sizes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        LinePipeline.lineByLine = true;
        try {
            List<String> seen = new ArrayList<>();
            long count = LinePipeline.run(numbered(600), (first, chunk) -> {
                sizes.add(chunk.size());
                threads.add(Thread.currentThread());
                return List.of(first + "");
            }, (number, text, prepared) -> seen.add(number + "=" + prepared));
            assertEquals(600, count);
            assertEquals("600=600", seen.get(599));
        } finally {
            LinePipeline.lineByLine = false;
        }
        assertEquals(600, sizes.size());
        assertTrue(sizes.stream().allMatch(s -> s == 1));
        assertTrue(threads.stream().allMatch(t -> t == caller));
    }

    @Test
    void theReadAhead_isAHEADChunksBeyondTheOneHandedOver_neitherMoreNorLess() throws IOException {
        int chunk = LinePipeline.CHUNK;
        int total = chunk * (LinePipeline.AHEAD + 5);
        AtomicLong read = new AtomicLong();
        List<Long> readWhenHandedOver = new ArrayList<>();
        long count = LinePipeline.run(() -> read.get() < total ? "l" + read.incrementAndGet() : null,
                (first, lines) -> new ArrayList<>(lines),
                (number, text, prepared) -> {
                    if (number % chunk == 1) {
                        readWhenHandedOver.add(read.get());
                    }
                });
        assertEquals(total, count);
        // Chunk k (from 1) is handed over once AHEAD more have been read; the last ones at the end.
        for (int k = 1; k <= 5; k++) {
            assertEquals((long) chunk * (k + LinePipeline.AHEAD), readWhenHandedOver.get(k - 1), "chunk " + k);
        }
        assertEquals(total, readWhenHandedOver.get(readWhenHandedOver.size() - 1));
    }

    @Test
    void chunksAfterTheFirst_arePreparedOnThePool_theFirstByTheCaller() {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "a pool needs two processors");
        Thread caller = Thread.currentThread();
        CountDownLatch elsewhere = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> onCaller = new ConcurrentLinkedQueue<>();
        long count = LinePipeline.run(numbered(LinePipeline.CHUNK * (LinePipeline.AHEAD + 1)), (first, lines) -> {
            if (Thread.currentThread() != caller) {
                elsewhere.countDown();
            } else {
                onCaller.add("chunk from " + first);
            }
            if (first == 1) {
                // The first chunk is prepared when it is handed over, after AHEAD more were queued:
                // by then the pool has started at least one.
                try {
                    assertTrue(elsewhere.await(30, TimeUnit.SECONDS), "no chunk was prepared on the pool");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return new ArrayList<>(lines);
        }, (number, text, prepared) -> { });
        assertEquals(LinePipeline.CHUNK * (LinePipeline.AHEAD + 1), count);
        assertTrue(onCaller.contains("chunk from 1"), "the first chunk is the caller's: " + onCaller);
        assertEquals(0, elsewhere.getCount());
    }

    @Test
    void aFailingSource_handsOverWhatItGaveFirst_thenFailsWithItsOwnError() {
        for (int given : new int[] {0, 3, LinePipeline.CHUNK * 3 + 5}) {
            IOException failure = new IOException("disk gone");
            AtomicLong read = new AtomicLong();
            List<Long> seen = new ArrayList<>();
            IOException thrown = assertThrows(IOException.class, () -> LinePipeline.run(() -> {
                if (read.get() == given) {
                    throw failure;
                }
                return "l" + read.incrementAndGet();
            }, (first, lines) -> new ArrayList<>(lines), (number, text, prepared) -> seen.add(number)));
            assertSame(failure, thrown);
            assertEquals(given, seen.size(), given + " lines given");
            for (int i = 0; i < given; i++) {
                assertEquals(i + 1, seen.get(i));
            }
        }
        IllegalStateException broken = new IllegalStateException("source broken");
        List<Long> seen = new ArrayList<>();
        AtomicLong read = new AtomicLong();
        assertSame(broken, assertThrows(IllegalStateException.class, () -> LinePipeline.run(() -> {
            if (read.get() == 2) {
                throw broken;
            }
            return "l" + read.incrementAndGet();
        }, (first, lines) -> new ArrayList<>(lines), (number, text, prepared) -> seen.add(number))));
        assertEquals(List.of(1L, 2L), seen);
    }

    @Test
    void aFailingPreparation_surfacesAsItself_onAnyChunk() {
        for (long failing : new long[] {1, LinePipeline.CHUNK * 4L + 1}) {
            IllegalArgumentException bad = new IllegalArgumentException("chunk " + failing);
            assertSame(bad, assertThrows(IllegalArgumentException.class, () -> LinePipeline.run(
                    numbered(LinePipeline.CHUNK * 6), (first, lines) -> {
                        if (first == failing) {
                            throw bad;
                        }
                        return new ArrayList<>(lines);
                    }, (number, text, prepared) -> { })));
        }
        AssertionError error = new AssertionError("an error");
        assertSame(error, assertThrows(AssertionError.class, () -> LinePipeline.run(numbered(3), (first, lines) -> {
            throw error;
        }, (number, text, prepared) -> { })));
    }

    @Test
    void anInterruptWhileAChunkIsPrepared_endsTheRead_andTheThreadStaysInterrupted() throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "a pool needs two processors");
        Thread caller = Thread.currentThread();
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int chunk = LinePipeline.CHUNK;
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LinePipeline.run(numbered(chunk + 1),
                    (first, lines) -> {
                        try {
                            if (first == 1) {
                                // The second chunk is on the pool by now (it was queued before the first was handed over).
                                assertTrue(secondStarted.await(30, TimeUnit.SECONDS), "the pool never took the second chunk");
                            } else {
                                secondStarted.countDown();
                                release.await(30, TimeUnit.SECONDS);
                            }
                        } catch (InterruptedException x) {
                            Thread.currentThread().interrupt();
                        }
                        return new ArrayList<>(lines);
                    }, (number, text, prepared) -> {
                        if (number == chunk) {
                            caller.interrupt(); // while the second chunk is still being prepared
                        }
                    }));
            assertEquals("interrupted while reading an export", e.getMessage());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller's caller");
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }
}
