package dev.access.core.audit;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/*
 * Implementation notes.
 *
 * The work on an export splits in two: what a line is by itself (its parse, its payload's
 * consistency with its fields, the hash of its content) and what it is in the sequence (the chain
 * from the line before, the sequence numbers, the checkpoints, the problems in order). The first
 * part is pure and most of the cost; it runs here on chunks of lines, on the common pool and on the
 * calling thread alike. The second part runs on the calling thread only, line by line in the order
 * read, so every result, every problem and its order are exactly those of a sequential run.
 *
 * The caller reads ahead at most AHEAD chunks: memory stays bounded whatever the export's length.
 * A chunk the pool has not started when the caller needs it is run by the caller (FutureTask.run
 * does nothing if the task already ran or runs), so progress never waits on the pool.
 */
/** Reads lines in chunks, prepares each chunk on several threads, and hands the lines over in order. */
final class LinePipeline {
    /** Lines per chunk. */
    static final int CHUNK = 256;
    /** Chunks read ahead of the one being handed over. */
    static final int AHEAD = 16;

    /**
     * For tests: one line per chunk, all on the calling thread (no line is prepared with another
     * in view), the reference a pipelined run must agree with.
     */
    static volatile boolean lineByLine;

    private LinePipeline() {
    }

    /** Where the lines come from (null at the end). */
    interface Source {
        /** The next line, or null at the end. */
        String next() throws IOException;
    }

    /** The pure work on a chunk of lines: one result per line, on any thread. */
    interface Prepare<T> {
        /**
         * Prepares {@code lines}, the first of which is line {@code firstLine} (1-based).
         *
         * @return one result per line, in order
         */
        List<T> apply(long firstLine, List<String> lines);
    }

    /** The work in order, on the calling thread. */
    interface Sink<T> {
        /** Takes line {@code number} ({@code text}) and what was prepared for it. */
        void accept(long number, String text, T prepared);
    }

    /**
     * Reads every line of {@code source}, prepares them in chunks and hands each with its
     * preparation to {@code sink}, in the order read.
     *
     * @return the number of lines
     */
    static <T> long run(Source source, Prepare<T> prepare, Sink<T> sink) throws IOException {
        boolean single = lineByLine;
        int chunk = single ? 1 : CHUNK;
        boolean parallel = !single && Runtime.getRuntime().availableProcessors() > 1;
        ArrayDeque<Chunk<T>> ahead = new ArrayDeque<>();
        List<String> lines = new ArrayList<>(CHUNK);
        long next = 1;
        long read = 0;
        while (true) {
            String line;
            try {
                line = source.next();
            } catch (IOException | RuntimeException e) {
                // The lines read before the failure are handed over first, as a line-by-line read would.
                if (!lines.isEmpty()) {
                    ahead.add(new Chunk<>(next, lines, prepare));
                }
                while (!ahead.isEmpty()) {
                    ahead.poll().handOver(sink);
                }
                throw e;
            }
            if (line != null) {
                read++;
                lines.add(line);
                if (lines.size() < chunk) {
                    continue;
                }
            }
            if (!lines.isEmpty()) {
                Chunk<T> c = new Chunk<>(next, lines, prepare);
                next += lines.size();
                lines = new ArrayList<>(CHUNK);
                // The first chunk, and with it every export of one chunk, is prepared by the caller.
                if (parallel && !ahead.isEmpty()) {
                    ForkJoinPool.commonPool().execute(c.task);
                }
                ahead.add(c);
            }
            while (ahead.size() > AHEAD || (line == null && !ahead.isEmpty())) {
                ahead.poll().handOver(sink);
            }
            if (line == null) {
                return read;
            }
        }
    }

    /** {@link #run} over lines already read. */
    static <T> long run(List<String> lines, Prepare<T> prepare, Sink<T> sink) {
        java.util.Iterator<String> it = lines.iterator();
        try {
            return run(() -> it.hasNext() ? it.next() : null, prepare, sink);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class Chunk<T> {
        final long first;
        final List<String> lines;
        final FutureTask<List<T>> task;

        Chunk(long first, List<String> lines, Prepare<T> prepare) {
            this.first = first;
            this.lines = lines;
            this.task = new FutureTask<>(() -> prepare.apply(first, lines));
        }

        void handOver(Sink<T> sink) {
            task.run();
            List<T> prepared;
            try {
                prepared = task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading an export", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            }
            for (int i = 0; i < lines.size(); i++) {
                sink.accept(first + i, lines.get(i), prepared.get(i));
            }
        }
    }
}
