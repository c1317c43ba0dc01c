package dev.access.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.ChainHead;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one parser of an export line into a {@link TrailRecord}, shared by {@link TrailVerifier},
 * {@link TrailReader} and {@link TrailArchive}, so that all three agree on what a line is: a JSON
 * object with {@code lock}, {@code sequence} (an integer), {@code type}, {@code timestamp},
 * {@code payload} and {@code chain}, the timestamp and chain in the one spelling an export writes
 * (ISO-8601 UTC as {@link Instant#toString()} prints it; 64 lower-case hex digits). Another
 * spelling of the same value is a change to the line, not a variant. Never throws.
 */
final class ExportLine {
    /** Duplicate keys are refused: a line with two "payload" fields is not a record. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ExportLine() {
    }

    /**
     * What a line holds: a record, or why it is not one.
     *
     * @param record the record, or null when the line is not one
     * @param lock the line's lock as far as it could be read (for a problem), or null
     * @param sequence the line's sequence as far as it could be read, or -1
     * @param problem why the line is not a record, or null
     */
    record Parsed(TrailRecord record, String lock, long sequence, String problem) {
        static Parsed bad(String lock, long sequence, String problem) {
            return new Parsed(null, lock, sequence, problem);
        }
    }

    /** Parses one line (without its terminator). */
    static Parsed parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            return Parsed.bad(null, -1, "not valid JSON");
        }
        if (n == null || !n.isObject()) {
            return Parsed.bad(null, -1, "not a JSON object");
        }
        String lock = text(n, "lock");
        JsonNode seqNode = n.get("sequence");
        String type = text(n, "type");
        String ts = text(n, "timestamp");
        String payload = text(n, "payload");
        String chain = text(n, "chain");
        if (lock == null || seqNode == null || !seqNode.isIntegralNumber() || !seqNode.canConvertToLong()
                || type == null || ts == null || payload == null || chain == null) {
            return Parsed.bad(lock, -1, "a trail record needs lock, sequence (integer), type, timestamp, payload and chain");
        }
        long seq = seqNode.asLong();
        Instant timestamp;
        ChainHead head;
        try {
            timestamp = Instant.parse(ts);
            head = ChainHead.fromHex(chain);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Parsed.bad(lock, seq, "timestamp or chain is malformed: " + e.getMessage());
        }
        if (!head.toHex().equals(chain) || !timestamp.toString().equals(ts)) {
            return Parsed.bad(lock, seq, "timestamp or chain is not in canonical form (lower-case hex,"
                    + " ISO-8601 UTC as exported)");
        }
        return new Parsed(new TrailRecord(lock, seq, type, timestamp, payload, chain), lock, seq, null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** {@code s}, cut to 80 characters for a message. */
    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
