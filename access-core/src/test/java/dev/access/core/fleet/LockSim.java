package dev.access.core.fleet;

import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.SimulatedClock;
import dev.access.core.audit.TrailExport;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockoutPolicy;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: one lock with its own SQLite data directory and key ring, as firmware runs it. */
final class LockSim implements AutoCloseable {
    static final String MASTER = "90817263";
    static final String[] PINS = {"31415926", "27182818", "16180339", "14142135", "17320508", "22360679"};
    static final String WRONG = "55501234";

    final Path dir;
    final LockId id;
    final SimulatedClock clock;
    FileKeyRing ring;
    LockStore store;
    AccessControl access;

    LockSim(Path dir, String id, SimulatedClock clock) {
        this.dir = dir;
        this.id = LockId.of(id);
        this.clock = clock;
        open();
    }

    /** (Re)opens the lock on its data directory: a power cycle when called after {@link #close}. */
    void open() {
        ring = FileKeyRing.open(dir.resolve("keys"));
        store = LockStore.sqlite(dir);
        access = AccessControl.builder().store(store).clock(clock).keyRing(ring).checkpointEvery(7).build();
    }

    void commission() {
        access.commission(LockSetup.of(id).withDevice("KP-100", "SN-" + id.value(), "1.0.0").withTimeZone("Europe/Berlin")
                .withLockoutPolicy(LockoutPolicy.defaults().with(3, Duration.ofSeconds(60))), MASTER.toCharArray());
    }

    /** Some days of a lock's life: codes added, right and wrong entries, battery reports. */
    void busy(long seed, int steps) {
        Random r = new Random(seed);
        for (int i = 0; i < steps; i++) {
            clock.advance(Duration.ofMinutes(1 + r.nextInt(90)));
            int slot = 1 + r.nextInt(4);
            switch (r.nextInt(6)) {
                case 0 -> {
                    if (!access.state(id).credentials().bySlot().containsKey(slot)) {
                        access.addCode(id, NewCode.unrestricted(slot, "user" + slot), PINS[slot].toCharArray());
                    }
                }
                case 1 -> access.enter(id, WRONG.toCharArray(), EntrySource.KEYPAD);
                case 2 -> access.reportBattery(id, 20 + r.nextInt(80));
                default -> access.enter(id, (r.nextBoolean() ? MASTER : PINS[slot]).toCharArray(), EntrySource.KEYPAD);
            }
        }
    }

    /** The lock's enrollment to {@code backend} (recorded in its trail). */
    Enrollment enroll(BackendPublicKey backend) {
        return access.enroll(id, backend);
    }

    /** The whole trail as an export, without signing anything first. */
    String exportAll() {
        StringWriter w = new StringWriter();
        TrailExport.write(access, id, w);
        return w.toString();
    }

    /** Signs a checkpoint, then exports the trail from {@code from}: a segment, as the lock sends it. */
    String segment(long from) {
        access.checkpoint(id);
        return from(exportAll(), from);
    }

    /** The lines of {@code export} with sequence >= {@code from} (line index = sequence in one lock's export). */
    static String from(String export, long from) {
        List<String> lines = lines(export);
        StringBuilder b = new StringBuilder();
        for (int i = (int) Math.min(from, lines.size()); i < lines.size(); i++) {
            b.append(lines.get(i)).append('\n');
        }
        return b.toString();
    }

    static List<String> lines(String export) {
        List<String> out = new ArrayList<>();
        for (String l : export.split("\n")) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void close() {
        access.close();
        store.close();
    }
}
