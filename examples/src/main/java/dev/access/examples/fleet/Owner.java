package dev.access.examples.fleet;

import dev.access.core.Fleet;
import dev.access.core.NewCode;
import dev.access.core.domain.LockId;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.fleet.CodeSync;
import dev.access.core.fleet.SyncStatus;
import dev.access.core.fleet.SyncView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The owner of the locks, with the backend's app: asks the backend for codes, PIN changes,
 * suspensions, removals and modes (each request names the owner), and watches each code's sync
 * status, which rests on the lock's own trail alone:
 *
 * <ul>
 *   <li>{@code SYNCED}: the lock's trail proves the code set, so the owner hands its PIN to its user
 *       (only then: until the lock holds it, the PIN opens nothing);
 *   <li>{@code FAILED} with {@code LOCK_RESET}: a factory reset erased the code; the owner enters its
 *       PIN again (sealed anew to the lock's new key epoch);
 *   <li>{@code FAILED} with the lock's reason (e.g. {@code DUPLICATE}): the lock refused it; the
 *       backend does not send it again until the owner changes it, and this owner leaves it so;
 *   <li>{@code UNMANAGED}: a code added at the lock (the master code too); not the owner's business.
 * </ul>
 *
 * <p>The backend seals each PIN at once and keeps none; the owner is a person and remembers the PINs
 * they chose (their own notebook), as the residents do theirs.
 */
final class Owner {
    /** A code as the owner asked for it: what the lock should end up holding in its slot. */
    record Wanted(int slot, String name, UserType type, boolean suspended) {
    }

    private final String name;
    private final Fleet backend;
    private final Map<LockId, Map<Integer, Wanted>> wanted = new HashMap<>();
    private final Map<LockId, OperatingMode> modes = new HashMap<>();
    /** The owner's notebook: the PIN chosen for each slot of each lock. Never printed. */
    private final Map<LockId, Map<Integer, String>> notebook = new HashMap<>();
    /** The PIN each slot's user was handed, once the code was SYNCED. */
    private final Map<LockId, Map<Integer, String>> handedOver = new HashMap<>();
    /** Slots the owner asked to empty, until the lock's trail shows them empty (their names, for the console). */
    private final Map<LockId, Map<Integer, String>> removing = new HashMap<>();
    private final Set<LockId> changed = new HashSet<>();
    private final Set<String> noticedBefore = new HashSet<>();

    /** An owner called {@code name} (what the backend records as who asked). */
    Owner(String name, Fleet backend) {
        this.name = name;
        this.backend = backend;
    }

    // ---------------------------------------------------------------- what the owner asks for

    /** Asks for a new code; the backend checks the PIN against the lock's policy, seals it and wipes the buffer. */
    void issueCode(SimulatedLock lock, NewCode code, String pin) {
        backend.requestCode(lock.id(), code, pin.toCharArray(), name);
        wanted(lock.id()).put(code.slot(), new Wanted(code.slot(), code.name(), code.type(), false));
        notebook(lock.id()).put(code.slot(), pin);
        changed.add(lock.id());
    }

    /** Asks for a new PIN in a slot; its user keeps the old one until the lock's trail proves the change. */
    void changePin(SimulatedLock lock, int slot, String pin) {
        backend.requestPinChange(lock.id(), slot, pin.toCharArray(), name);
        notebook(lock.id()).put(slot, pin);
        changed.add(lock.id());
    }

    void suspend(SimulatedLock lock, int slot) {
        backend.requestSuspend(lock.id(), slot, name);
        Wanted w = wanted(lock.id()).get(slot);
        wanted(lock.id()).put(slot, new Wanted(slot, w.name(), w.type(), true));
        changed.add(lock.id());
    }

    /** Asks for the slot to be emptied; its user no longer comes to this door. */
    void remove(SimulatedLock lock, int slot) {
        backend.requestRemove(lock.id(), slot, name);
        removing.computeIfAbsent(lock.id(), l -> new TreeMap<>()).put(slot, wanted(lock.id()).get(slot).name());
        wanted(lock.id()).remove(slot);
        notebook(lock.id()).remove(slot);
        handedOver(lock.id()).remove(slot);
        lock.forgetUser(slot);
        changed.add(lock.id());
    }

    void setMode(SimulatedLock lock, OperatingMode mode) {
        backend.requestMode(lock.id(), mode, name);
        modes.put(lock.id(), mode);
        changed.add(lock.id());
    }

    /** Whether the owner changed anything for the lock since the last call (the app asks the backend to push at once). */
    boolean takeChanged(LockId lock) {
        return changed.remove(lock);
    }

    // ---------------------------------------------------------------- what the owner sees

    /**
     * The owner's app shows the lock's sync status, and the owner acts on it: hands over the PINs of
     * codes now SYNCED and enters again the PINs a factory reset erased.
     *
     * @return what the owner noticed, for the console (no PIN)
     */
    List<String> look(SimulatedLock lock) {
        List<String> noticed = new ArrayList<>();
        SyncView view = backend.sync(lock.id());
        for (CodeSync code : view.codes()) {
            String pin = notebook(lock.id()).get(code.slot());
            String handed = handedOver(lock.id()).get(code.slot());
            if (code.sync() == SyncStatus.SYNCED && pin != null && !pin.equals(handed)) {
                lock.tellUser(code.slot(), pin);
                handedOver(lock.id()).put(code.slot(), pin);
                noticed.add(code.name() + " SYNCED (" + (handed == null ? "PIN" : "new PIN") + " handed over)");
            } else if (code.sync() == SyncStatus.FAILED && "LOCK_RESET".equals(code.reason()) && pin != null) {
                // The trail that shows the reset also holds the commissioning after it: the backend can seal again.
                backend.requestPinChange(lock.id(), code.slot(), pin.toCharArray(), name);
                changed.add(lock.id());
                handedOver(lock.id()).remove(code.slot());
                lock.forgetUser(code.slot());
                noticed.add(code.name() + " FAILED LOCK_RESET (erased by a factory reset: PIN entered again)");
            } else if (code.sync() == SyncStatus.FAILED && firstTime(lock, code.slot() + " " + code.reason())) {
                noticed.add(code.name() + " FAILED " + code.reason() + " (refused by the lock in batch " + code.batch()
                        + "; not sent again until the owner changes it)");
            }
        }
        Map<Integer, String> emptying = removing.getOrDefault(lock.id(), new TreeMap<>());
        emptying.entrySet().removeIf(slot -> {
            // An emptied slot is listed (not wanted) until the lock's trail shows it empty.
            boolean done = view.codes().stream().noneMatch(c -> c.slot() == slot.getKey() && !c.wanted());
            if (done) {
                noticed.add(slot.getValue() + "'s code removed (SYNCED)");
            }
            return done;
        });
        OperatingMode mode = modes.get(lock.id()); // the mode as the lock's trail says it (nobody changes it at the lock here)
        if (mode != null && backend.view(lock.id()).orElseThrow().state().mode() == mode && firstTime(lock, mode.name())) {
            noticed.add(mode + " mode (SYNCED)");
        }
        return noticed;
    }

    private boolean firstTime(SimulatedLock lock, String what) {
        return noticedBefore.add(lock.id() + " " + what);
    }

    /**
     * Whether nothing more will happen for the lock without the owner deciding something: no code
     * PENDING, none erased by a reset and waiting to be entered again, every SYNCED code's PIN handed
     * over, and the lock (as its trail says) in the mode the owner asked for.
     */
    boolean satisfied(SimulatedLock lock) {
        for (CodeSync code : backend.sync(lock.id()).codes()) {
            String pin = notebook(lock.id()).get(code.slot());
            boolean waits = switch (code.sync()) {
                case PENDING -> true;
                case FAILED -> "LOCK_RESET".equals(code.reason());
                case SYNCED -> pin != null && !pin.equals(handedOver(lock.id()).get(code.slot()));
                case UNMANAGED, DRIFTED -> false; // not the link's to change (DRIFTED: changed at the lock)
            };
            if (waits) {
                return false;
            }
        }
        OperatingMode mode = modes.get(lock.id());
        return mode == null || backend.view(lock.id()).orElseThrow().state().mode() == mode;
    }

    /** The codes the owner asked the lock to hold, by slot (the lock may still refuse some: FAILED). */
    Map<Integer, Wanted> wanted(LockId lock) {
        return wanted.computeIfAbsent(lock, l -> new TreeMap<>());
    }

    /** Whether the slot is to hold a code the owner asked for (an entry granted to it used a PIN the owner issued). */
    boolean manages(LockId lock, int slot) {
        return wanted(lock).containsKey(slot);
    }

    private Map<Integer, String> notebook(LockId lock) {
        return notebook.computeIfAbsent(lock, l -> new TreeMap<>());
    }

    private Map<Integer, String> handedOver(LockId lock) {
        return handedOver.computeIfAbsent(lock, l -> new TreeMap<>());
    }
}
