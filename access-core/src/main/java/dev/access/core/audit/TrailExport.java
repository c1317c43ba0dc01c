package dev.access.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes trails as JSON Lines: one event per line,
 * {@code {"lock":…,"sequence":…,"type":…,"timestamp":…,"payload":"<audit-form JSON text>","chain":…}}.
 * The payload is carried as a string holding the exact bytes the chain covers; it holds no PIN,
 * digest or key. Streaming: memory does not grow with the trail.
 */
public final class TrailExport {
    private static final JsonFactory JSON = new JsonFactory();

    private TrailExport() {
    }

    /**
     * Writes one lock's trail.
     *
     * @return the number of lines written
     * @throws UncheckedIOException if writing fails
     */
    public static long write(TrailSource source, LockId lock, Writer out) {
        return write(source, lock, out, 0);
    }

    /**
     * Writes a segment of one lock's trail: its records from sequence {@code fromSequence} on, each
     * line exactly as a whole export writes it (so the segment is the tail of that export, byte for
     * byte, and a backend holding the lines before it can check that it continues them). A
     * {@code fromSequence} beyond the trail's end writes nothing.
     *
     * @return the number of lines written
     * @throws IllegalArgumentException if {@code fromSequence} is negative
     * @throws UncheckedIOException if writing fails
     */
    public static long write(TrailSource source, LockId lock, Writer out, long fromSequence) {
        if (fromSequence < 0) {
            throw new IllegalArgumentException("fromSequence must be >= 0, was " + fromSequence);
        }
        long[] count = {0};
        source.trail(lock, r -> {
            if (r.sequence() >= fromSequence) {
                writeLine(r, out);
                count[0]++;
            }
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    /** Writes one record as one line. */
    public static void writeLine(TrailRecord r, Writer out) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("lock", r.lock());
            g.writeNumberField("sequence", r.sequence());
            g.writeStringField("type", r.type());
            g.writeStringField("timestamp", r.timestamp().toString());
            g.writeStringField("payload", r.payload());
            if (r.chain() != null) {
                g.writeStringField("chain", r.chain());
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
