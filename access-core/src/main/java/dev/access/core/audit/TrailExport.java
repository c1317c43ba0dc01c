package dev.access.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailRecord;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.PersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/*
 * Implementation notes.
 *
 * The personal-keys line comes before the lock's records but names only the subjects whose sealed
 * values those records hold, so the source is read twice: once to collect the subjects (a set of
 * ids: it grows with the people named, not with the events), once to write. A record appended in
 * between is written without its subject's key if that subject is new: its name reads as erased in
 * this export, nothing else.
 */
/**
 * Writes trails as JSON Lines: one event per line,
 * {@code {"lock":…,"sequence":…,"type":…,"timestamp":…,"payload":"<audit-form JSON text>","chain":…}}.
 * The payload is carried as a string holding the exact bytes the chain covers; it holds no PIN,
 * digest or key. Streaming: memory does not grow with the trail.
 *
 * <p>A whole export may carry, before the lock's first record, ONE personal-keys line:
 * {@code {"lock":…,"personalKeys":{"<subject id>":"<base64 key>",…}}}, the keys of the living
 * people whose names (sealed, see {@link PersonalData}) the lock's records hold, so an auditor can
 * read them ({@link Names}) and tell that none was altered (each id commits to its key). Only
 * subjects named by the records and present in the keys given are written, sorted by id; no line
 * when there are none. An erased person's key is absent from the key ring, so an export made after
 * the erasure holds no trace of their names. The line is not a record: the chain does not cover it,
 * {@link TrailVerifier} checks each key against its id. Segments ({@link #write(TrailSource, LockId,
 * Writer, long)}) never carry it: a backend needs no names.
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

    /**
     * Writes one lock's whole trail preceded by its personal-keys line: the keys of {@code keys}
     * (subject id to 32-byte key, e.g. {@code AccessControl.personalKeys}) whose subjects the
     * records name; no keys line when none of them does.
     *
     * @return the number of lines written, the keys line included
     * @throws IllegalArgumentException if a key given is not 32 bytes
     * @throws UncheckedIOException if writing fails
     */
    public static long write(TrailSource source, LockId lock, Writer out, Map<String, byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        Set<String> named = new HashSet<>();
        source.trail(lock, r -> subjects(r.payload(), named));
        Map<String, byte[]> line = new TreeMap<>();
        keys.forEach((subject, key) -> {
            if (named.contains(subject)) {
                if (key == null || key.length != 32) {
                    throw new IllegalArgumentException("the personal key of subject " + subject + " is not 32 bytes");
                }
                line.put(subject, key);
            }
        });
        long n = 0;
        if (!line.isEmpty()) {
            writeKeysLine(lock.value(), line, out);
            n++;
        }
        return n + write(source, lock, out, 0);
    }

    /** Writes a lock's personal-keys line (keys in the order given). */
    static void writeKeysLine(String lock, Map<String, byte[]> keys, Writer out) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("lock", lock);
            g.writeObjectFieldStart(ExportLine.PERSONAL_KEYS);
            for (Map.Entry<String, byte[]> e : keys.entrySet()) {
                g.writeStringField(e.getKey(), Base64.getEncoder().encodeToString(e.getValue()));
            }
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the subjects of the sealed values in a payload to {@code into}. */
    static void subjects(String payload, Set<String> into) {
        int i = payload.indexOf(PersonalData.PREFIX);
        while (i >= 0) {
            int end = payload.indexOf('"', i);
            String value = payload.substring(i, end < 0 ? payload.length() : end);
            PersonalData.subjectOfValue(value).ifPresent(into::add);
            i = payload.indexOf(PersonalData.PREFIX, i + PersonalData.PREFIX.length());
        }
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
