package dev.access.core.audit;

import dev.access.core.domain.Actor;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.trail.TrailSource;
import dev.access.crypto.PersonalData;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/*
 * Implementation notes.
 *
 * A key is kept only if its subject id is the one PersonalData derives from it: the id commits to
 * the key, so a key handed over under another subject's id (or a substituted key) is dropped here
 * and can never make a sealed value read as another name (PersonalData.open checks the same).
 * TrailVerifier reports such a key; Names just does not use it.
 */
/**
 * Reads the personal data of a trail (code names and actors' names, sealed under each person's
 * key, see {@link PersonalData}) as people read it, from the keys of the living people: those an
 * export carries (its personal-keys line) or a running lock's key ring hands over
 * ({@link TrailSource#personalKeys}).
 *
 * <p>Guarantees: never returns a sealed value: a value sealed under a key it does not hold (the
 * person was erased, or the export carries no key for them), that does not open, or that is
 * malformed reads as {@link PersonalData#ERASED}; clear text written before names were sealed
 * reads as it is; a key whose subject id is not its own is never used; {@link #toString} shows no
 * key.
 */
public final class Names {
    /** No key: every sealed value reads as {@link PersonalData#ERASED}, clear text as it is. */
    public static final Names NONE = new Names(Map.of());

    private final Map<String, byte[]> keys;

    private Names(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    /**
     * The names readable with {@code keys} (subject id to 32-byte key, as an export carries them);
     * entries whose key is not 32 bytes or whose id is not the key's own are left out.
     */
    public static Names of(Map<String, byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<String, byte[]> kept = new HashMap<>();
        keys.forEach((subject, key) -> {
            if (subject != null && key != null && key.length == 32 && subject.equals(PersonalData.subjectOf(key))) {
                kept.put(subject, key.clone());
            }
        });
        return kept.isEmpty() ? NONE : new Names(Collections.unmodifiableMap(kept));
    }

    /** The names of {@code lock} readable with the keys {@code source} hands over. */
    public static Names of(TrailSource source, LockId lock) {
        return of(source.personalKeys(lock));
    }

    /** How many people's names are readable: the keys held. */
    public int people() {
        return keys.size();
    }

    /** The subjects whose keys are held. */
    public Set<String> subjects() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** Whether the names of {@code subject} are readable. */
    public boolean readable(String subject) {
        return keys.containsKey(subject);
    }

    /**
     * A personal value of {@code lock}'s trail as people read it: its text, clear text as it is,
     * {@link PersonalData#ERASED} when it cannot be opened; null for null.
     */
    public String reveal(String lock, String value) {
        if (value == null || !PersonalData.isSealed(value)) {
            return value;
        }
        String subject = PersonalData.subjectOfValue(value).orElse(null);
        byte[] key = subject == null ? null : keys.get(subject);
        if (key == null || lock == null) {
            return PersonalData.ERASED;
        }
        return PersonalData.open(lock, value, key).orElse(PersonalData.ERASED);
    }

    /** {@link #reveal(String, String)} for a {@link LockId}. */
    public String reveal(LockId lock, String value) {
        return reveal(lock == null ? null : lock.value(), value);
    }

    /**
     * An actor as people read it: "alice via local", "(erased) via remote", or the channel alone
     * for an actor without a name ("backend 0123456789abcdef", "keypad"); null for null.
     */
    public String describe(String lock, Actor actor) {
        if (actor == null) {
            return null;
        }
        return actor.who() == null ? actor.via() : reveal(lock, actor.who()) + " via " + actor.via();
    }

    /** {@link #describe(String, Actor)} for a {@link LockId}. */
    public String describe(LockId lock, Actor actor) {
        return describe(lock == null ? null : lock.value(), actor);
    }

    /**
     * Who did {@code event}, as people read it: its actor described, or for an event written before
     * actors existed the free text it named ({@code by} of a mode change or a lockout clear); null
     * when the event names no one (an entry, a device report, or an old event without a name).
     */
    public String who(String lock, LockEvent event) {
        Actor a = actorOf(event);
        if (a != null) {
            return describe(lock, a);
        }
        if (event instanceof LockEvent.ModeChanged) {
            return reveal(lock, ((LockEvent.ModeChanged) event).by());
        }
        if (event instanceof LockEvent.LockoutCleared) {
            return reveal(lock, ((LockEvent.LockoutCleared) event).by());
        }
        return null;
    }

    /** The actor an administrative event records, or null (none recorded, or not such an event). */
    public static Actor actorOf(LockEvent event) {
        if (event == null) {
            return null;
        }
        RecordComponent c = ACTOR.get(event.getClass());
        if (c == null) {
            return null;
        }
        try {
            return (Actor) c.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the actor of " + event.getClass().getSimpleName(), e);
        }
    }

    /** The record component {@code actor} of each event type, or null if it has none. */
    private static final ClassValue<RecordComponent> ACTOR = new ClassValue<>() {
        @Override
        protected RecordComponent computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals("actor") && c.getType() == Actor.class) {
                    return c;
                }
            }
            return null;
        }
    };

    /** Shows how many people's keys are held, never a key. */
    @Override
    public String toString() {
        return "Names[" + keys.size() + " people]";
    }
}
