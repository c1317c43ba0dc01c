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
        Parsed fast = exact(text);
        return fast != null ? fast : general(text);
    }

    /*
     * The fast path: a record line exactly as TrailExport writes it (the six fields in its order,
     * no white space, the timestamp and chain in their one spelling) is read by hand, in one pass.
     * Anything else (another order, white space, an escape or a number the writer never makes, a
     * personal-keys line, a malformed line) gives null and goes to general(), the JSON parser, so
     * that every line reads to exactly what general() reads it to: the fast path only ever accepts
     * lines general() accepts, with the same values.
     */
    private static final String L_LOCK = "{\"lock\":";
    private static final String L_SEQUENCE = ",\"sequence\":";
    private static final String L_TYPE = ",\"type\":";
    private static final String L_TIMESTAMP = ",\"timestamp\":";
    private static final String L_PAYLOAD = ",\"payload\":";
    private static final String L_CHAIN = ",\"chain\":";

    /** The record of a line in the exact form an export writes, or null for any other line. */
    static Parsed exact(String s) {
        if (!s.startsWith(L_LOCK)) {
            return null;
        }
        int[] at = {L_LOCK.length()};
        String lock = string(s, at);
        if (lock == null || !s.startsWith(L_SEQUENCE, at[0])) {
            return null;
        }
        int i = at[0] + L_SEQUENCE.length();
        int digits = i;
        long seq = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            seq = seq * 10 + (s.charAt(i) - '0');
            i++;
        }
        int nd = i - digits;
        if (nd == 0 || nd > 18 || (nd > 1 && s.charAt(digits) == '0') || !s.startsWith(L_TYPE, i)) {
            return null;
        }
        at[0] = i + L_TYPE.length();
        String type = string(s, at);
        if (type == null || !s.startsWith(L_TIMESTAMP, at[0])) {
            return null;
        }
        at[0] += L_TIMESTAMP.length();
        String ts = string(s, at);
        if (ts == null || !s.startsWith(L_PAYLOAD, at[0])) {
            return null;
        }
        at[0] += L_PAYLOAD.length();
        String payload = string(s, at);
        if (payload == null || !s.startsWith(L_CHAIN, at[0])) {
            return null;
        }
        at[0] += L_CHAIN.length();
        String chain = string(s, at);
        if (chain == null || at[0] != s.length() - 1 || s.charAt(at[0]) != '}' || !isCanonicalHex(chain)) {
            return null;
        }
        Instant timestamp = canonicalInstant(ts);
        if (timestamp == null) {
            return null;
        }
        return new Parsed(new TrailRecord(lock, seq, type, timestamp, payload, chain), lock, seq, null, null);
    }

    /**
     * The JSON string starting at {@code at[0]} (its opening quote), unescaped; {@code at[0]} is
     * moved past its closing quote. Null if there is none there, or it holds a control character or
     * an escape JSON does not define (the general parser then says what is wrong).
     */
    static String string(String s, int[] at) {
        int i = at[0];
        int n = s.length();
        if (i >= n || s.charAt(i) != '"') {
            return null;
        }
        int start = ++i;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                at[0] = i + 1;
                return s.substring(start, i);
            }
            if (c == '\\') {
                return escaped(s, start, at);
            }
            if (c < 0x20) {
                return null;
            }
            i++;
        }
        return null;
    }

    private static String escaped(String s, int start, int[] at) {
        int n = s.length();
        char[] out = new char[n - start];
        int len = 0;
        int i = start;
        while (i < n) {
            int run = i;
            char c = 0;
            while (i < n && (c = s.charAt(i)) != '"' && c != '\\' && c >= 0x20) {
                i++;
            }
            s.getChars(run, i, out, len);
            len += i - run;
            if (i >= n || c < 0x20) {
                return null;
            }
            i++;
            if (c == '"') {
                at[0] = i;
                return new String(out, 0, len);
            }
            if (i >= n) {
                return null;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out[len++] = e;
                case 'b' -> out[len++] = '\b';
                case 'f' -> out[len++] = '\f';
                case 'n' -> out[len++] = '\n';
                case 'r' -> out[len++] = '\r';
                case 't' -> out[len++] = '\t';
                case 'u' -> {
                    if (i + 4 > n) {
                        return null;
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0 || s.charAt(i + k) > 'f') {
                            return null;
                        }
                        v = v * 16 + d;
                    }
                    i += 4;
                    out[len++] = (char) v;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether {@code s} is 64 lower-case hex digits (the one spelling of a chain value). */
    private static boolean isCanonicalHex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant of a timestamp in the one spelling {@link Instant#toString()} gives it (years
     * 0000 to 9999), or null for any other text (which {@link Instant#parse} may still read, to a
     * spelling that is then not canonical, or not).
     */
    static Instant canonicalInstant(String t) {
        int len = t.length();
        if (len != 20 && len != 24 && len != 27 && len != 30) {
            return null;
        }
        if (t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(len - 1) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month)
                .lengthOfMonth() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (len > 20) {
            if (t.charAt(19) != '.') {
                return null;
            }
            int f = digits(t, 20, len - 21);
            if (f < 0) {
                return null;
            }
            // Instant.toString() prints the fraction in groups of three digits, as few as the value needs.
            if (len == 24) {
                nano = f * 1_000_000;
                if (nano == 0) {
                    return null;
                }
            } else if (len == 27) {
                nano = f * 1_000;
                if (nano % 1_000_000 == 0) {
                    return null;
                }
            } else {
                nano = f;
                if (nano % 1_000 == 0) {
                    return null;
                }
            }
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The value of {@code n} decimal digits at {@code from}, or -1 if they are not all digits. */
    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Parses one line with the JSON parser (any form). */
    static Parsed general(String text) {
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
