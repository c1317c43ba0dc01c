package dev.access.examples.fleet;

import dev.access.core.AccessControl;
import dev.access.core.EntryResult;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.audit.TrailExport;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockId;
import dev.access.core.domain.LockState;
import dev.access.core.domain.LockoutPolicy;
import dev.access.core.fleet.AppliedBatch;
import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.ProgrammingBatch;
import dev.access.core.trail.TrailCheckpointed;
import dev.access.core.trail.TrailRecord;
import dev.access.crypto.BackendPublicKey;
import dev.access.crypto.FileKeyRing;
import dev.access.crypto.SignatureVerificationException;
import dev.access.crypto.TrailPublicKey;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One lock in the field, as its firmware runs it: its own SQLite data directory and key ring, its
 * own decisions (entries, lockouts, battery reports), the sending end of the link that carries its
 * trail up to the backend and the receiving end of the one that carries the backend's programming
 * batches down. It also stands for the people at the door: it remembers which PIN each slot's user
 * types (the lock itself keeps keyed digests only).
 *
 * <p>How it keeps the backend's copy complete over a link that loses things: it sends what it has
 * not sent yet (ending in a checkpoint it signs for the purpose, so the backend can store all of
 * it), and the backend answers every segment with the sequence it holds the trail through. When a
 * segment is lost or late, the next one leaves a gap: the backend refuses it and says what it
 * holds, and the lock sends again from that sequence + 1. When no answer comes for a while (the
 * last segment or its answer was lost), it does the same: that resends what the backend may hold
 * already, an overlap the backend stores once.
 */
final class SimulatedLock implements AutoCloseable {
    /** A trail segment on its way up: the lock's lines {@code from..to}, as JSON Lines. */
    record Segment(LockId lock, long from, long to, String text) {
    }

    /** The backend's answer to a segment: it holds the lock's trail through {@code heldThrough}; {@code gap}: it refused one. */
    record Report(LockId lock, long heldThrough, boolean gap) {
    }

    /** A programming batch on its way down, as text ({@link ProgrammingBatch#toText}): signed, PINs sealed to the lock. */
    record Batch(LockId lock, long number, String text) {
    }

    /** Rounds without news from the backend after which the lock sends again from what the backend last reported. */
    static final int RESEND_AFTER = 6;
    private static final String CHECKPOINT = TrailCheckpointed.class.getSimpleName();

    private final LockId id;
    private final LockStore store;
    private final AccessControl access;
    private final Map<Integer, String> pinsOfUsers = new TreeMap<>();
    private int battery = 100;
    private long reported = -1;
    private long sent = -1;
    private int waited;

    /** Opens (or creates) the lock's data directory. */
    SimulatedLock(Path dataDir, LockId id, Clock clock) {
        this.id = id;
        this.store = LockStore.sqlite(dataDir);
        // A lock process issues few commands at a time: the access log is the backend's business.
        this.access = AccessControl.builder().store(store).clock(clock).keyRing(FileKeyRing.open(dataDir.resolve("keys")))
                .accessLog(false).build();
    }

    LockId id() {
        return id;
    }

    // ---------------------------------------------------------------- the lock's own life

    /** Commissions the lock: the installer sets the master code; three wrong codes lock the keypad for 20 minutes. */
    void commission(String masterPin) {
        access.commission(LockSetup.of(id).withDevice("KP-100", "SN-" + id.value(), "1.0.0").withTimeZone("Europe/Berlin")
                .withLockoutPolicy(LockoutPolicy.defaults().with(3, Duration.ofMinutes(20))), masterPin.toCharArray());
        pinsOfUsers.put(0, masterPin);
    }

    /** Adds a code; its user remembers the PIN. */
    void addCode(NewCode code, String pin) {
        access.addCode(id, code, pin.toCharArray());
        pinsOfUsers.put(code.slot(), pin);
    }

    /** The user of {@code slot} types their PIN on the keypad. */
    EntryResult typeCodeOf(int slot) {
        return access.enter(id, pinsOfUsers.get(slot).toCharArray(), EntrySource.KEYPAD);
    }

    /** Someone types a PIN on the keypad: a guesser's, or one they remember. */
    EntryResult typePin(String pin) {
        return access.enter(id, pin.toCharArray(), EntrySource.KEYPAD);
    }

    /** The user of {@code slot} is given its PIN (by the owner, once the backend shows the code set). */
    void tellUser(int slot, String pin) {
        pinsOfUsers.put(slot, pin);
    }

    /** The user of {@code slot} no longer comes to this door. */
    void forgetUser(int slot) {
        pinsOfUsers.remove(slot);
    }

    /** The PIN the user of {@code slot} types, or null. */
    String pinOfUser(int slot) {
        return pinsOfUsers.get(slot);
    }

    /** The slots whose users know a PIN (after a factory reset: none until codes are set again). */
    List<Integer> slotsWithUsers() {
        return new ArrayList<>(pinsOfUsers.keySet());
    }

    /** The battery drains by {@code percent} and the lock reports its level. */
    void drainBattery(int percent) {
        battery = Math.max(0, battery - percent);
        access.reportBattery(id, battery);
    }

    /** Factory reset: every code and setting erased, the old PIN key destroyed; the trail goes on. */
    void factoryReset() {
        access.factoryReset(id);
        pinsOfUsers.clear();
    }

    /**
     * Enrolls the lock to a backend: the document holds its trail and sealing keys and its signed
     * trail head, signed by its trail key. The installer's app carries it to the backend (here: handed
     * over directly).
     */
    Enrollment enrollTo(BackendPublicKey backend) {
        return access.enroll(id, backend); // records LockEnrolled and signs the trail's head
    }

    /**
     * Applies a programming batch that came down the link: the lock checks its signature against the
     * backend it enrolled with, its lock id, key epoch and number (above the last applied), opens the
     * sealed PINs inside its key ring and runs each operation through its own rules.
     *
     * @throws SignatureVerificationException if the signature does not verify (nothing changes)
     * @throws dev.access.core.domain.LockCommandRejected STALE_BATCH for a batch numbered no higher
     *     than the last applied (a late or repeated one), STALE_KEY_EPOCH, NOT_ENROLLED, WRONG_LOCK
     *     (nothing changes)
     */
    AppliedBatch apply(Batch batch) throws SignatureVerificationException {
        return access.apply(ProgrammingBatch.parse(batch.text()));
    }

    LockState state() {
        return access.state(id);
    }

    /** A name of this lock's state or events as people read it (names are sealed in the lock's store). */
    String reveal(String value) {
        return access.reveal(id, value);
    }

    TrailPublicKey publicKey() {
        return access.publicKey(id);
    }

    /** The whole trail as the lock exports it. */
    String export() {
        StringWriter out = new StringWriter();
        TrailExport.write(access, id, out);
        return out.toString();
    }

    /** The last record of the trail, or null before the first. */
    private TrailRecord lastRecord() {
        TrailRecord[] last = {null};
        access.trail(id, r -> last[0] = r);
        return last[0];
    }

    /** The sequence of the trail's last record (-1 before the first). */
    long lastSequence() {
        TrailRecord last = lastRecord();
        return last == null ? -1 : last.sequence();
    }

    // ---------------------------------------------------------------- the link's sending end

    /** The segment to send this round, if any: what was not sent yet, or (after silence) what the backend may lack. */
    Optional<Segment> nextSegment() {
        if (reported < sent && ++waited > RESEND_AFTER) {
            sent = reported; // no word for too long: a segment or its answer was lost
            waited = 0;
        }
        TrailRecord last = lastRecord();
        if (last == null || last.sequence() == sent) {
            return Optional.empty();
        }
        // The backend stores only what a checkpoint signs: sign one now if the trail does not end in one.
        if (!last.type().equals(CHECKPOINT)) {
            access.checkpoint(id);
        }
        long from = sent + 1;
        long to = lastSequence();
        sent = to;
        return Optional.of(new Segment(id, from, to, exportFrom(from)));
    }

    /** The backend's answer to one of this lock's segments (answers can come late, twice or never). */
    void onReport(Report report) {
        if (report.heldThrough() > reported) {
            reported = report.heldThrough();
            waited = 0;
        }
        if (report.gap() && sent > reported) {
            sent = reported; // something before the refused segment never arrived: send from what the backend holds
        }
    }

    /** Whether the backend said it holds the whole trail. */
    boolean backendHoldsAll() {
        return reported == lastSequence();
    }

    /** The trail's lines from sequence {@code from} on: a segment. */
    private String exportFrom(long from) {
        StringWriter out = new StringWriter();
        TrailExport.write(access, id, out, from);
        return out.toString();
    }

    @Override
    public void close() {
        access.close();
        store.close();
    }
}
