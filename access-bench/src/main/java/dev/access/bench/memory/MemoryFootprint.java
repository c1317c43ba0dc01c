package dev.access.bench.memory;

import dev.access.bench.support.LockFixture;
import dev.access.bench.support.Pins;
import dev.access.core.SimulatedClock;
import dev.access.core.AccessControl;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.crypto.CredentialTable;
import dev.access.crypto.DigestEngine;
import dev.access.crypto.InMemoryKeyRing;
import dev.access.crypto.KeyRing;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * <b>Question:</b> how much heap does one lock hold while it is cached (its {@code LockState}:
 * profile, credentials by slot, the constant-time credential table, lockout state), for 10, 250
 * and 10k codes?
 *
 * <p>Two measurements per size: JOL's {@code GraphLayout} of the state as the library folds it
 * (every object reachable from it, shared enum constants included, so slightly high), and a
 * measured heap delta: K independent copies of the state are folded from the lock's events and
 * held, and the used heap after {@code System.gc()} is compared with and without them (objects
 * shared with the events, such as the digests in {@code Credential}s, are not counted there, so
 * it reads lower). Also the INDEXED and STRICT tables alone (JOL), per code. Not measured: Axon's
 * per-aggregate wrapper in the cache (a few hundred bytes) and the events themselves, which live in
 * the store.
 *
 * <p>Run: {@code java -cp access-bench/target/benchmarks.jar dev.access.bench.memory.MemoryFootprint
 * [out.json] [sizes, default 10,250,10000]}; with {@code -Dfootprint.classes=true} it also prints, per
 * size, the state's bytes by class (JOL's footprint table).
 */
public final class MemoryFootprint {
    private MemoryFootprint() {
    }

    /** One size's figures. */
    record Row(int codes, long stateBytes, long heapDeltaBytes, long indexedTableBytes, long strictTableBytes) {
        String json() {
            return String.format("{\"codes\":%d,\"stateBytesJol\":%d,\"stateBytesHeapDelta\":%d,"
                    + "\"indexedTableBytes\":%d,\"strictTableBytes\":%d}", codes, stateBytes, heapDeltaBytes,
                    indexedTableBytes, strictTableBytes);
        }
    }

    public static void main(String[] args) throws Exception {
        // JOL reads record fields (LockState, Credential are records) only with this mode on JDK 17.
        System.setProperty("jol.magicFieldOffset", "true");
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 1 ? args[1] : "10,250,10000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        List<Row> rows = new ArrayList<>();
        for (int codes : sizes) {
            rows.add(measure(codes));
        }
        System.out.printf("%8s %16s %18s %16s %16s %12s%n", "codes", "state B (JOL)", "state B (heap Δ)",
                "INDEXED table B", "STRICT table B", "B/code JOL");
        for (Row r : rows) {
            System.out.printf("%8d %16d %18d %16d %16d %12.1f%n", r.codes, r.stateBytes, r.heapDeltaBytes,
                    r.indexedTableBytes, r.strictTableBytes, (double) r.stateBytes / r.codes);
        }
        if (out != null) {
            StringBuilder sb = new StringBuilder("{\"jvm\":\"" + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version") + "\",\"rows\":[");
            for (int i = 0; i < rows.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(rows.get(i).json());
            }
            sb.append("]}\n");
            Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
        }
        System.exit(0);
    }

    static Row measure(int codes) throws IOException {
        long t0 = System.nanoTime();
        LockId lock = LockId.of("memory-" + codes);
        KeyRing keys = InMemoryKeyRing.create();
        List<LockEvent> events;
        LockState state;
        try (LockStore store = LockStore.inMemory();
                AccessControl ac = AccessControl.builder().store(store).keyRing(keys)
                        .clock(SimulatedClock.ticking(LockFixture.HISTORY_START, java.time.Duration.ofSeconds(1))).accessLog(false).build()) {
            ac.commission(dev.access.core.LockSetup.of(lock), LockFixture.MASTER.toCharArray());
            for (int slot = 1; slot <= codes; slot++) {
                ac.addCode(lock, NewCode.unrestricted(slot, "user " + slot), Pins.chars(slot));
            }
            state = ac.state(lock);
            events = ac.events(lock);
        }
        GraphLayout layout = GraphLayout.parseInstance(state);
        long jol = layout.totalSize();
        if (Boolean.getBoolean("footprint.classes")) {
            // Where the bytes are, by class (-Dfootprint.classes=true): what a smaller state must cut.
            System.err.println(layout.toFootprint());
        }

        // Folding is O(codes^2) (copy-on-write tables), so fewer copies for big locks.
        int copies = Math.max(2, Math.min(200, 20_000 / Math.max(1, codes)));
        long before = usedAfterGc();
        LockState[] held = new LockState[copies];
        for (int i = 0; i < copies; i++) {
            held[i] = LockDecider.fold(events);
        }
        long after = usedAfterGc();
        long delta = (after - before) / copies;
        if (held[copies - 1].credentials().size() != state.credentials().size()) {
            throw new IllegalStateException("fold disagrees with the library's state");
        }

        dev.access.crypto.CodeDigester digester = keys.digester(lock.value(), state.keyEpoch(), DigestEngine.JDK);
        long indexed = GraphLayout.parseInstance(Pins.table(digester, CredentialTable.Variant.INDEXED, codes)).totalSize();
        long strict = GraphLayout.parseInstance(Pins.table(digester, CredentialTable.Variant.STRICT, codes)).totalSize();
        System.err.printf("  %d codes measured in %.1f s (%d heap-delta copies)%n", codes, (System.nanoTime() - t0) / 1e9,
                copies);
        return new Row(codes, jol, delta, indexed, strict);
    }

    private static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
