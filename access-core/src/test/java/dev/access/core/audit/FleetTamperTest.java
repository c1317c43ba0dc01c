package dev.access.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.Fleet;
import dev.access.core.LockStore;
import dev.access.core.domain.LockId;
import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.SegmentRejectedException;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.Checkpoint;
import dev.access.crypto.FileKeyRing;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tamper classes of the audit's matrix, applied to a segment a backend is asked to ingest on
 * top of the trail it holds: every one is refused, and the held copy is left exactly as it was.
 */
class FleetTamperTest {
    private static final String[] FIELDS = {"lock", "sequence", "type", "timestamp", "payload", "chain"};

    @TempDir
    Path tmp;

    private final Map<String, int[]> counts = new TreeMap<>();
    private final List<String> misses = new ArrayList<>();

    @Test
    void everyTamperClass_appliedToASegment_isRefusedWithNothingStored() throws Exception {
        try (AuditFixture fx = new AuditFixture(5); LockStore store = LockStore.sqlite(tmp.resolve("backend"))) {
            Fleet fleet = Fleet.builder().store(store).keyRing(FileKeyRing.open(tmp.resolve("backend").resolve("keys")))
                    .clock(fx.clock).build();
            BackendPublicKey backend = fleet.initialize();
            for (int t = 0; t < 3; t++) {
                LockId lock = LockId.of("tamper-" + t);
                fx.randomTrail(lock, 2000 + t, 10);
                int epoch = fx.access.state(lock).keyEpoch();
                Checkpoint cp = fx.access.checkpoint(lock);
                fleet.enroll(Enrollment.sign(fx.keys.checkpointSigner(lock.value()), backend.keyId(), epoch,
                        fx.keys.sealingPublicKey(lock.value(), epoch), cp.sequence(), cp.chainHead(), fx.clock.instant()));
                fleet.ingest(new StringReader(fx.exportText(lock)));
                int held = fx.exportLines(lock).size();
                for (int k = 0; k < 14; k++) {
                    fx.advance(java.time.Duration.ofMinutes(7));
                    if (k % 3 == 0) {
                        fx.access.reportBattery(lock, 80 - k);
                    } else {
                        fx.access.enter(lock, AuditFixture.pin(AuditFixture.PINS[k % 2]),
                                dev.access.core.domain.EntrySource.KEYPAD);
                    }
                }
                fx.access.checkpoint(lock);
                List<String> all = fx.exportLines(lock);
                List<String> segment = all.subList(held, all.size());
                String before = copy(fleet, lock);

                for (int i = 0; i < segment.size(); i++) {
                    String[] values = TamperMatrixTest.fields(segment.get(i));
                    for (int f = 0; f < FIELDS.length; f++) {
                        for (int pos : new int[] {0, values[f].length() / 2, values[f].length() - 1}) {
                            String[] changed = values.clone();
                            changed[f] = TamperMatrixTest.flip(values[f], pos);
                            List<String> tampered = new ArrayList<>(segment);
                            tampered.set(i, TamperMatrixTest.line(changed));
                            expectRefused("flip " + FIELDS[f], fleet, lock, tampered, before, i + "@" + pos);
                        }
                    }
                    if (i < segment.size() - 1) {
                        List<String> deleted = new ArrayList<>(segment);
                        deleted.remove(i);
                        expectRefused("delete", fleet, lock, deleted, before, "line " + i);
                        List<String> swapped = new ArrayList<>(segment);
                        swapped.set(i, segment.get(i + 1));
                        swapped.set(i + 1, segment.get(i));
                        expectRefused("swap adjacent", fleet, lock, swapped, before, "lines " + i);
                        List<String> forged = Forgery.rechain(segment.subList(0, segment.size()), i, l -> {
                            String[] v = TamperMatrixTest.fields(l);
                            v[4] = TamperMatrixTest.flip(v[4], v[4].length() / 2);
                            return TamperMatrixTest.line(v);
                        });
                        // Forgery.rechain starts from line i-1's chain value, as a forger who holds the segment would.
                        if (i > 0) {
                            expectRefused("rechained payload change", fleet, lock, forged, before, "line " + i);
                        }
                    }
                    List<String> duplicated = new ArrayList<>(segment);
                    duplicated.add(i + 1, segment.get(i));
                    expectRefused("duplicate", fleet, lock, duplicated, before, "line " + i);
                    List<String> inserted = new ArrayList<>(segment);
                    inserted.add(Math.max(0, i - 2), segment.get(i));
                    if (Math.max(0, i - 2) != i) {
                        expectRefused("insert copy elsewhere", fleet, lock, inserted, before, "line " + i);
                    }
                }
                // Untampered, the same segment is accepted.
                fleet.ingest(new StringReader(String.join("\n", segment) + "\n"));
                assertEquals(String.join("\n", all) + "\n", copy(fleet, lock));
            }
        }
        StringBuilder sb = new StringBuilder("segment tamper classes:\n");
        counts.forEach((k, v) -> sb.append(String.format("  %-28s %5d cases, %5d refused%n", k, v[0], v[1])));
        System.out.println(sb);
        assertTrue(misses.isEmpty(), misses.size() + " accepted, first: " + misses.subList(0, Math.min(5, misses.size())));
    }

    private void expectRefused(String kind, Fleet fleet, LockId lock, List<String> lines, String before, String where) {
        int[] c = counts.computeIfAbsent(kind, k -> new int[2]);
        c[0]++;
        try {
            fleet.ingest(new StringReader(String.join("\n", lines) + "\n"));
            misses.add(kind + " " + lock + " " + where);
        } catch (SegmentRejectedException e) {
            c[1]++;
        }
        String after = copy(fleet, lock);
        if (!after.equals(before)) {
            misses.add(kind + " " + lock + " " + where + ": the held copy changed");
        }
    }

    private static String copy(Fleet fleet, LockId lock) {
        StringWriter w = new StringWriter();
        fleet.export(lock, w);
        return w.toString();
    }
}
