package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TrailReader#readLine} at its edges (the one line reader of the verifier, the reader and
 * the archive): the longest line kept, one character more refused without being held, both line
 * ends, a last line without one, and empty lines; and {@link TrailReader#read}'s counts and lock
 * filter.
 */
class TrailReaderLinesTest {

    private static List<String> lines(String text) throws IOException {
        BufferedReader in = new BufferedReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        String line;
        while ((line = TrailReader.readLine(in)) != null) {
            out.add(TrailReader.isTooLong(line) ? "<too long>" : line);
        }
        return out;
    }

    @Test
    void aLineOfMaxLineCharacters_isRead_andOneMoreIsTooLong_thenReadingGoesOn() throws IOException {
        String longest = "a".repeat(TrailReader.MAX_LINE);

        assertEquals(List.of(longest, "<too long>", "next"),
                lines(longest + "\n" + longest + "b\n" + "next\n"));
        assertEquals(List.of("<too long>"), lines(longest + "b"), "a last line without its newline too");
    }

    @Test
    void aLineOfMaxLineCharacters_endedByCrLf_isRead_theCrIsNotCounted() throws IOException {
        // Found by reading: the limit was checked before the '\r' was stripped, so the longest
        // line a Windows tool wrote back was reported as too long.
        String longest = "a".repeat(TrailReader.MAX_LINE);

        assertEquals(List.of(longest, "<too long>", "next"),
                lines(longest + "\r\n" + longest + "b\r\n" + "next\r\n"));
        assertEquals(List.of(longest), lines(longest + "\r"), "a last line's CR without its LF too");
        assertEquals(List.of("<too long>"), lines(longest + "\r\r\n"), "a second CR is part of the line");
        // Around the reader's block boundaries (512 characters), a CR that ends one block and its
        // LF that starts the next.
        for (int length = 505; length <= 1030; length++) {
            String line = "x".repeat(length);
            assertEquals(List.of(line, "y"), lines(line + "\r\ny\r\n"), "length " + length);
        }
    }

    /** {@code length} characters 'a', then "\nnext\n", made as they are read (nothing held). */
    private static final class LongLine extends java.io.Reader {
        private long left;
        private int tail;
        private static final char[] TAIL = "\nnext\n".toCharArray();

        LongLine(long length) {
            left = length;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (left > 0) {
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + n, 'a');
                left -= n;
                return n;
            }
            if (tail == TAIL.length) {
                return -1;
            }
            int n = Math.min(len, TAIL.length - tail);
            System.arraycopy(TAIL, tail, buf, off, n);
            tail += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anOverLongLine_isNotHeldInMemory_whileItIsReadToItsEnd() throws IOException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) mx).isThreadAllocatedMemorySupported());
        com.sun.management.ThreadMXBean bytes = (com.sun.management.ThreadMXBean) mx;
        long thread = Thread.currentThread().getId();
        long length = 48L * TrailReader.MAX_LINE; // 48 M characters
        BufferedReader in = new BufferedReader(new LongLine(length));
        TrailReader.readLine(new BufferedReader(new StringReader("warm\n"))); // the per-thread block

        long before = bytes.getThreadAllocatedBytes(thread);
        String line = TrailReader.readLine(in);
        long allocated = bytes.getThreadAllocatedBytes(thread) - before;

        assertTrue(TrailReader.isTooLong(line));
        assertTrue(allocated < 8L * 1024 * 1024, "reading a line of " + length + " characters allocated " + allocated
                + " bytes; it must not be held");
        assertEquals("next", TrailReader.readLine(in), "the reader is left just after the line");
        assertNull(TrailReader.readLine(in));
    }

    @Test
    void lineEnds_areLfOrCrLf_andALastLineNeedsNone() throws IOException {
        assertEquals(List.of("one", "two", "three"), lines("one\r\ntwo\nthree"));
        assertEquals(List.of("", "x\r\r"), lines("\n" + "x\r\r\r\n"), "only one CR before the LF is a line end");
        assertEquals(List.of(), lines(""));
        assertEquals(List.of("a", ""), lines("a\n\n"));
    }

    @Test
    void read_countsLinesRecordsAndProblems_ofTheLockAsked_andLinesOfNoKnownLock() {
        String chain = "ab".repeat(32);
        String doorA = "{\"lock\":\"a\",\"sequence\":0,\"type\":\"X\",\"timestamp\":\"2026-07-01T09:00:00Z\",\"payload\":\"{}\",\"chain\":\""
                + chain + "\"}";
        String doorB = doorA.replace("\"lock\":\"a\"", "\"lock\":\"b\"");
        String text = doorA + "\n" + doorB + "\nnot json\n" + "x".repeat(TrailReader.MAX_LINE + 1) + "\n";
        List<TrailReader.Line> seen = new ArrayList<>();

        TrailReader.Summary s = TrailReader.read(new BufferedReader(new StringReader(text)), "a", seen::add);

        assertEquals(new TrailReader.Summary(4, 1, 3), s, "line 1 is a record whose event (type X) cannot be read");
        assertEquals(List.of(1L, 3L, 4L), seen.stream().map(TrailReader.Line::number).toList());
        assertTrue(seen.get(2).problem().message().contains("longer than " + TrailReader.MAX_LINE), seen.get(2).toString());
        assertNull(seen.get(1).record());
        assertEquals("a", seen.get(0).record().lock());
    }
}
