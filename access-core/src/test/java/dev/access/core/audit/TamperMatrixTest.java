package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.audit.TrailProblem.Kind;
import dev.access.core.domain.LockId;
import dev.access.crypto.TrailPublicKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/*
 * Every single-line tampering of several real trails, each checked by TrailVerifier with the
 * public key alone. Field flips replace one character by another of its kind (digit -> next digit,
 * letter -> next letter of the same case, anything else -> 'x'), never a case change: a hex digit
 * or an ISO-8601 letter in the other case denotes the same value, which is not tampering.
 *
 * By default the short fields (lock, sequence, type, timestamp) are flipped at every position and
 * the long ones (payload, chain) at 12 spread positions, and each line is inserted at 6 positions;
 * -Dtamper.full=true flips every position of every field and inserts every line everywhere.
 */
/** Any single-line tampering of an exported trail is detected; truncation is reported for what it is. */
class TamperMatrixTest {
    private static final boolean FULL = Boolean.getBoolean("tamper.full");
    private static final int TRAILS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String[] FIELDS = {"lock", "sequence", "type", "timestamp", "payload", "chain"};

    private static AuditFixture fx;
    private static final List<LockId> LOCKS = new ArrayList<>();

    private final Map<String, long[]> counts = new TreeMap<>();
    private final List<String> misses = new ArrayList<>();

    @BeforeAll
    static void trails() {
        fx = new AuditFixture(5);
        for (int i = 0; i < TRAILS; i++) {
            LockId lock = LockId.of("tamper-" + i);
            fx.randomTrail(lock, 1000 + i, 12 + 6 * i);
            LOCKS.add(lock);
        }
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void everySingleLineTampering_isDetected_andTruncationIsReportedForWhatItIs() {
        long start = System.nanoTime();
        for (LockId lock : LOCKS) {
            List<String> lines = fx.exportLines(lock);
            Function<String, TrailPublicKey> keys = fx.keyFor(lock);
            VerificationReport clean = AuditFixture.verify(join(lines), keys);
            assertTrue(clean.ok() && clean.problems().isEmpty(), lock + ": " + clean.problems());
            assertTrue(clean.locks().get(lock.value()).checkpoints() >= lines.size() / 7,
                    "checkpoints every 5 events: " + clean.locks());
            assertTrue(lines.get(lines.size() - 1).contains("\"type\":\"TrailCheckpointed\""), "ends signed");
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"LockoutStarted\"")), "has a lockout");
            for (String type : List.of("OfflineKeyExported", "OfflineCodeRevoked", "AllOfflineCodesRevoked")) {
                assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"" + type + "\"")), "has " + type);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"EntryGranted\"")
                    && l.contains("\\\"userType\\\":\\\"OFFLINE\\\"")), "has an offline grant");
            flips(lock, lines, keys);
            deletions(lock, lines, keys);
            insertions(lock, lines, keys);
            swaps(lock, lines, keys);
            duplications(lock, lines, keys);
            rechained(lock, lines, keys);
            truncations(lock, lines, keys, clean);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        StringBuilder sb = new StringBuilder("tamper matrix (" + (FULL ? "full" : "default") + ", " + LOCKS.size()
                + " trails, " + ms + " ms):\n");
        long total = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            sb.append(String.format("  %-52s %7d cases, %7d detected%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            total += e.getValue()[0];
        }
        sb.append("  total ").append(total).append(" cases");
        System.out.println(sb);
        assertTrue(misses.isEmpty(), misses.size() + " undetected, first: " + misses.subList(0, Math.min(5, misses.size())));
    }

    private void flips(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys) {
        for (int i = 0; i < lines.size(); i++) {
            String[] values = fields(lines.get(i));
            assertEquals(lines.get(i), line(values), "the line writer reproduces the export");
            for (int f = 0; f < FIELDS.length; f++) {
                for (int pos : positions(values[f].length(), f)) {
                    String[] changed = values.clone();
                    changed[f] = flip(values[f], pos);
                    List<String> tampered = new ArrayList<>(lines);
                    tampered.set(i, line(changed));
                    expectDetected("flip " + FIELDS[f], lock, tampered, keys, "line " + i + " pos " + pos);
                }
            }
        }
    }

    private void deletions(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys) {
        // Deleting the last line is a truncation: see truncations().
        for (int i = 0; i < lines.size() - 1; i++) {
            List<String> tampered = new ArrayList<>(lines);
            tampered.remove(i);
            expectDetected("delete", lock, tampered, keys, "line " + i);
        }
    }

    private void insertions(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys) {
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            TreeSet<Integer> at = new TreeSet<>();
            if (FULL) {
                for (int j = 0; j <= n; j++) {
                    at.add(j);
                }
            } else {
                at.addAll(List.of(0, Math.max(0, i - 1), Math.min(n, i + 2), n / 2, n - 1, n));
            }
            at.remove(i);
            at.remove(i + 1); // right next to itself: a duplication, see duplications()
            for (int j : at) {
                List<String> tampered = new ArrayList<>(lines);
                tampered.add(j, lines.get(i));
                expectDetected("insert copy elsewhere", lock, tampered, keys, "line " + i + " at " + j);
            }
        }
    }

    private void swaps(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            List<String> tampered = new ArrayList<>(lines);
            tampered.set(i, lines.get(i + 1));
            tampered.set(i + 1, lines.get(i));
            expectDetected("swap adjacent", lock, tampered, keys, "lines " + i + "," + (i + 1));
        }
    }

    private void duplications(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys) {
        for (int i = 0; i < lines.size(); i++) {
            List<String> tampered = new ArrayList<>(lines);
            tampered.add(i + 1, lines.get(i));
            expectDetected("duplicate", lock, tampered, keys, "line " + i);
        }
    }

    /** A forger who recomputes every chain value after the change: the signed checkpoints catch it. */
    private void rechained(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys) {
        int lastCheckpoint = lastCheckpointIndex(lines, lines.size());
        for (int i = 0; i < lastCheckpoint; i++) {
            int index = i;
            List<String> forged = Forgery.rechain(lines, index, l -> {
                String[] v = fields(l);
                v[4] = flip(v[4], v[4].length() / 2);
                return line(v);
            });
            expectDetected("rechained payload change", lock, forged, keys, "line " + i);
        }
    }

    private void truncations(LockId lock, List<String> lines, Function<String, TrailPublicKey> keys,
            VerificationReport clean) {
        VerificationReport.LockSummary full = clean.locks().get(lock.value());
        int lastCheckpoint = lastCheckpointIndex(lines, lines.size());
        for (int k = 0; k < lines.size(); k++) {
            List<String> kept = lines.subList(0, k);
            VerificationReport r = AuditFixture.verify(join(kept), keys);
            if (k == 0) {
                count("truncate to empty", !r.ok(), lock, "empty");
                continue;
            }
            VerificationReport.LockSummary s = r.locks().get(lock.value());
            int cp = lastCheckpointIndex(lines, k);
            // Line index == sequence number in a single-lock export; a checkpoint signs the event before it.
            long signed = cp < 0 ? -1 : cp - 1;
            assertEquals(signed, s.lastSignedSequence(), lock + " cut after " + k + " lines");
            assertTrue(s.events() < full.events(), "a cut trail never claims the original's events");
            if (k - 1 == cp) {
                assertTrue(r.ok() && r.problems().isEmpty(), "a cut right after a checkpoint verifies: " + r.problems());
                count("truncate after checkpoint (undetectable by design)", false, null, null);
            } else {
                if (signed < 0) {
                    // Nothing signed at all: a chain anyone could recompute; verification fails.
                    count("truncate before the first checkpoint: not signed, fails",
                            !r.ok() && r.problems().stream().anyMatch(p -> p.kind() == Kind.NOT_SIGNED), lock,
                            "cut after " + k + " lines");
                } else {
                    TrailProblem tail = r.problems().stream().filter(p -> p.kind() == Kind.UNSIGNED_TAIL).findFirst()
                            .orElse(null);
                    boolean stated = r.ok() && tail != null && tail.message().contains("after sequence " + signed);
                    count("truncate elsewhere: tail reported", stated, lock, "cut after " + k + " lines");
                }
            }
            if (k <= lastCheckpoint) {
                assertTrue(s.lastSignedSequence() < full.lastSignedSequence(), "the missing part is not claimed as signed");
            }
            // A cut inside line k-1 leaves half a record: malformed.
            String half = join(lines.subList(0, k - 1)) + lines.get(k - 1).substring(0, lines.get(k - 1).length() / 2);
            count("truncate mid-line", !AuditFixture.verify(half, keys).ok(), lock, "inside line " + (k - 1));
        }
    }

    private static int lastCheckpointIndex(List<String> lines, int end) {
        int cp = -1;
        for (int i = 0; i < end; i++) {
            if (lines.get(i).contains("\"type\":\"TrailCheckpointed\"")) {
                cp = i;
            }
        }
        return cp;
    }

    private void expectDetected(String category, LockId lock, List<String> tampered, Function<String, TrailPublicKey> keys,
            String where) {
        count(category, !AuditFixture.verify(join(tampered), keys).ok(), lock, where);
    }

    private void count(String category, boolean detected, LockId lock, String where) {
        long[] c = counts.computeIfAbsent(category, k -> new long[2]);
        c[0]++;
        if (detected) {
            c[1]++;
        } else if (lock != null) {
            misses.add(category + " " + lock + " " + where);
            // Five undetected cases are enough to show what is wrong; stop there rather than finish
            // the matrix (a verifier that misses one kind usually misses thousands).
            assertTrue(misses.size() < 5, misses.size() + " undetected (stopped there): " + misses);
        }
    }

    private static List<Integer> positions(int length, int field) {
        List<Integer> p = new ArrayList<>();
        boolean all = FULL || !(FIELDS[field].equals("payload") || FIELDS[field].equals("chain"));
        if (all || length <= 12) {
            for (int i = 0; i < length; i++) {
                p.add(i);
            }
            return p;
        }
        TreeSet<Integer> spread = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            spread.add((int) ((long) i * (length - 1) / 11));
        }
        p.addAll(spread);
        return p;
    }

    /** Another character of the same kind at {@code pos}; never a mere case change. */
    static String flip(String s, int pos) {
        char c = s.charAt(pos);
        char d;
        if (c >= '0' && c <= '9') {
            d = c == '9' ? '0' : (char) (c + 1);
        } else if (c >= 'a' && c <= 'z') {
            d = c == 'z' ? 'a' : (char) (c + 1);
        } else if (c >= 'A' && c <= 'Z') {
            d = c == 'Z' ? 'A' : (char) (c + 1);
        } else {
            d = 'x';
        }
        return s.substring(0, pos) + d + s.substring(pos + 1);
    }

    static String[] fields(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            String[] v = new String[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                v[i] = n.get(FIELDS[i]).asText();
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line as TrailExport writes it, from field texts (the sequence as a raw number). */
    static String line(String[] v) {
        try {
            StringWriter w = new StringWriter();
            JsonGenerator g = FACTORY.createGenerator(w);
            g.writeStartObject();
            for (int i = 0; i < FIELDS.length; i++) {
                g.writeFieldName(FIELDS[i]);
                if (FIELDS[i].equals("sequence")) {
                    g.writeNumber(v[i]);
                } else {
                    g.writeString(v[i]);
                }
            }
            g.writeEndObject();
            g.flush();
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }
}
