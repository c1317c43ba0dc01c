package dev.access.core;

import dev.access.core.domain.Actor;
import dev.access.core.domain.Credential;
import dev.access.core.domain.LockCommandRejected;
import dev.access.core.domain.LockDecider;
import dev.access.core.domain.LockId;
import dev.access.core.domain.Rejection;
import dev.access.crypto.PersonalData;
import dev.access.crypto.PersonalKeys;
import java.util.Objects;

/*
 * Implementation notes.
 *
 * Every personal text goes through here on its way to a command, so none reaches an event, a
 * snapshot or a read model in clear: a code's name is sealed under a NEW subject (each holding of a
 * slot is its own person); an actor's name under the subject the key ring keeps for that name at
 * that lock (found through a keyed hash of the name). Clear text is checked against the domain's
 * text rule before sealing (the decider only sees the sealed form), and a value already sealed
 * passes as it is.
 */
/** Internal to the API: seals names and actors for {@link AccessControl} and reads them back. */
final class People {
    private final PersonalKeys keys;

    People(PersonalKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    PersonalKeys keys() {
        return keys;
    }

    /** The actor with its name sealed (an actor without a name, or already sealed, as it is). */
    Actor seal(LockId lock, Actor actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.channel() == null) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "an actor needs a channel");
        }
        String who = actor.who();
        if (who == null || PersonalData.isSealed(who)) {
            return actor;
        }
        String clean = LockDecider.cleanText(who, "actor's name");
        if (clean == null || clean.isEmpty()) {
            throw new LockCommandRejected(Rejection.INVALID_ARGUMENT, "an actor's name is empty");
        }
        String subject = keys.actorSubject(lock.value(), clean);
        return actor.withWho(keys.seal(lock.value(), subject, clean));
    }

    /** A code holder's name sealed under a new subject (null stays null). */
    String sealName(LockId lock, String name) {
        if (name == null || PersonalData.isSealed(name)) {
            return name;
        }
        String clean = LockDecider.cleanText(name, "name");
        if (clean == null || clean.isEmpty()) {
            return clean;
        }
        return keys.seal(lock.value(), keys.newSubject(lock.value()), clean);
    }

    /**
     * A batch's name for a slot: the held code's sealed name when it reads the same (so a batch that
     * changes nothing changes nothing), else sealed under a new subject; a name the domain would
     * refuse goes on in clear, for the decider to refuse that operation alone.
     */
    String sealBatchName(LockId lock, String name, Credential held) {
        if (name == null) {
            return null;
        }
        if (held != null && held.name() != null
                && keys.reveal(lock.value(), held.name()).map(name.strip()::equals).orElse(false)) {
            return held.name();
        }
        try {
            return sealName(lock, name);
        } catch (LockCommandRejected e) {
            return name;
        }
    }

    /** A stored personal value as people read it: its text, "(erased)" once its subject is erased. */
    String reveal(LockId lock, String value) {
        if (value == null) {
            return null;
        }
        return keys.reveal(lock.value(), value).orElse(PersonalData.ERASED);
    }
}
