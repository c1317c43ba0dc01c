package dev.access.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.ChainHead;
import dev.access.crypto.PersonalData;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one parser of an export line into a {@link TrailRecord}, shared by {@link TrailVerifier},
 * {@link TrailReader} and {@link TrailArchive}, so that all three agree on what a line is: a JSON
 * object with {@code lock}, {@code sequence} (an integer), {@code type}, {@code timestamp},
 * {@code payload} and {@code chain}, the timestamp and chain in the one spelling an export writes
 * (ISO-8601 UTC as {@link Instant#toString()} prints it; 64 lower-case hex digits). Another
 * spelling of the same value is a change to the line, not a variant. Or a lock's personal-keys
 * line, {@code {"lock":…,"personalKeys":{"<subject id>":"<base64 of a 32-byte key>",…}}}, with
 * those two fields only, each subject id of {@link PersonalData#isSubjectId its form} and each key
 * in standard base64 with padding (the one spelling {@link TrailExport} writes). Never throws.
 */
final class ExportLine {
    /** Duplicate keys are refused: a line with two "payload" fields is not a record. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ExportLine() {
    }

    /** The field that makes a line a lock's personal-keys line. */
    static final String PERSONAL_KEYS = "personalKeys";

    /**
     * What a line holds: a record, a lock's personal keys, or why it is neither.
     *
     * @param record the record, or null when the line is not one
     * @param lock the line's lock as far as it could be read (for a problem), or null
     * @param sequence the line's sequence as far as it could be read, or -1
     * @param problem why the line is not a record (nor a keys line), or null
     * @param keys for a personal-keys line, its keys (subject id to key, by id), else null
     */
    record Parsed(TrailRecord record, String lock, long sequence, String problem, Map<String, byte[]> keys) {
        static Parsed bad(String lock, long sequence, String problem) {
            return new Parsed(null, lock, sequence, problem, null);
        }

        /** Whether the line is a well-formed personal-keys line. */
        boolean isKeys() {
            return keys != null;
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
        if (n.has(PERSONAL_KEYS)) {
            return keys(n, lock);
        }
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
        return new Parsed(new TrailRecord(lock, seq, type, timestamp, payload, chain), lock, seq, null, null);
    }

    /** A personal-keys line, strictly: lock and personalKeys, nothing else. */
    private static Parsed keys(JsonNode n, String lock) {
        JsonNode keys = n.get(PERSONAL_KEYS);
        if (lock == null || n.size() != 2 || !keys.isObject()) {
            return Parsed.bad(lock, -1, "a personal-keys line holds lock (text) and personalKeys (an object of subject"
                    + " id to key) only");
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String subject = e.getKey();
            if (!PersonalData.isSubjectId(subject)) {
                return Parsed.bad(lock, -1, "personal key '" + shorten(subject) + "' is not named by a subject id"
                        + " (22 base64url characters)");
            }
            byte[] key = key(e.getValue());
            if (key == null) {
                return Parsed.bad(lock, -1, "the personal key of subject " + subject + " is not a 32-byte key in"
                        + " base64 (with padding)");
            }
            out.put(subject, key);
        }
        return new Parsed(null, lock, -1, null, out);
    }

    /** A key in its one spelling (standard base64 with padding of 32 bytes), or null. */
    private static byte[] key(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            byte[] key = Base64.getDecoder().decode(v.asText());
            return key.length == 32 && Base64.getEncoder().encodeToString(key).equals(v.asText()) ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
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
